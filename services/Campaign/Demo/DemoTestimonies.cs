namespace Iom.Campaign.Demo;

/// <summary>Invented demo testimonies (no real person), a few per language, and the state each one is left in.</summary>
internal static class DemoTestimonies
{
    public sealed record Sample(string Language, string Title, string Story, string? FirstName, string? Origin, string? Residence, string[] Themes, string[] Consents, DemoState State);

    public enum DemoState
    {
        Published,
        Pending,
        OnHold,
        Scheduled,
        Rejected,
        Withdrawn,
        PressWithdrawn,
    }

    private static readonly string[] AllPurposes = ["campaign-app", "social-media", "press"];
    private static readonly string[] AppOnly = ["campaign-app"];
    private static readonly string[] AppAndPress = ["campaign-app", "press"];

    private static readonly (string Language, string Title, string Story)[] Texts =
    [
        ("en", "The soup that made us neighbours", "When I arrived I had one bag and no words of the language. The woman next door brought soup every Friday. Now I cook for her grandchildren, and they ask me for stories of home."),
        ("en", "Teaching maths again", "I was a teacher at home. For two years I cleaned offices at night. A volunteer helped me get my diploma recognised, and this September I stood in front of a class again."),
        ("en", "A football team with eleven flags", "Our Sunday team has players from eleven countries. We argue about offside in five languages, but after the match everybody eats together."),
        ("en", "My daughter's first word here", "Her first word in the new language was 'friend'. She learned it from the girl who shared her crayons on the first day of school."),
        ("fr", "Le marché du samedi", "Chaque samedi je vends des épices au marché. Au début, les gens passaient sans s'arrêter. Aujourd'hui, ils me demandent des recettes et me racontent leurs voyages."),
        ("fr", "Une chorale pour tous", "Je ne parlais pas bien le français, alors j'ai rejoint une chorale. La musique n'a pas besoin de traduction, et mes amis de la chorale sont devenus ma famille ici."),
        ("fr", "Infirmière, encore", "J'étais infirmière dans mon pays. Grâce à une association, j'ai repris mes études. Je travaille maintenant à l'hôpital de nuit et je suis fière de soigner tout le monde."),
        ("es", "La panadería de la esquina", "Abrí una pequeña panadería con pan de mi tierra. Los vecinos venían por curiosidad y ahora vienen por costumbre. El pan une a la gente mejor que cualquier discurso."),
        ("es", "Aprendí a nadar a los cuarenta", "En mi pueblo no había mar. Aquí, un club de voluntarios me enseñó a nadar. Ahora ayudo a otros recién llegados a perder el miedo al agua."),
        ("es", "Mi abuela y el idioma nuevo", "Mi abuela aprendió el idioma a los setenta años con una vecina jubilada. Cada martes toman café y se corrigen la una a la otra, entre risas."),
        ("ar", "مطبخ مفتوح للجميع", "في كل يوم جمعة نفتح مطبخ الجمعية لكل من يريد أن يطبخ أو يأكل. جاء الجيران أولاً بدافع الفضول، والآن يحضرون وصفاتهم معهم ونتبادل الحكايات."),
        ("ar", "أول وظيفة لي", "عملت مهندساً في بلدي، وهنا بدأت من جديد متدرباً. زملائي ساعدوني في تعلم اللغة، واليوم أقود فريقاً صغيراً وأدرّب الوافدين الجدد."),
        ("sw", "Shamba la jamii", "Tulianzisha shamba la jamii pamoja na majirani. Kila mtu analeta mbegu kutoka nchi yake, na sasa bustani yetu ina mboga za mabara matatu."),
        ("sw", "Mwalimu wa muziki", "Nilikuja hapa bila kitu isipokuwa gitaa langu. Sasa nafundisha watoto muziki kila Jumamosi katika kituo cha vijana, na wananifundisha lugha yao."),
        ("pt", "A costureira do bairro", "Comecei a consertar roupas para as vizinhas. Hoje tenho um pequeno ateliê e ensino costura a outras mulheres que chegaram como eu, sem conhecer ninguém."),
        ("pt", "Futebol aos domingos", "Aos domingos jogamos futebol no parque. Ninguém pergunta de onde você vem, só se você passa a bola. Foi assim que fiz os meus primeiros amigos aqui."),
        ("it", "La bottega del barbiere", "Ho aperto una bottega di barbiere nel quartiere. All'inizio i clienti erano pochi; ora la bottega è un punto d'incontro dove si parla di calcio in quattro lingue."),
        ("it", "Volontaria in biblioteca", "Ogni mercoledì leggo storie ai bambini in biblioteca, nella mia lingua e in italiano. I genitori dicono che i bambini aspettano il mercoledì tutta la settimana."),
        ("de", "Der Chor im Dorf", "Im Dorf gab es einen Chor, der neue Stimmen suchte. Ich konnte kaum Deutsch, aber singen konnte ich. Heute singe ich das Solo beim Weihnachtskonzert."),
        ("de", "Meine Ausbildung", "Mit vierundzwanzig habe ich eine Ausbildung als Elektriker begonnen. Mein Meister hat Geduld mit meinem Deutsch, und ich habe Geduld mit seinen Witzen."),
        ("tr", "Komşumun bahçesi", "Komşum bana bahçesinde bir köşe verdi. Ben memleketimin domatesini ektim, o da bana kendi biberini öğretti. Şimdi hasadı birlikte paylaşıyoruz."),
        ("tr", "Yeni bir başlangıç", "Buraya geldiğimde hiçbir şey bilmiyordum. Bir dernek bana dil kursu buldu. Şimdi aynı derneğin gönüllüsüyüm ve yeni gelenlere yardım ediyorum."),
        ("ru", "Библиотека на кухне", "Мы с соседями устроили маленькую библиотеку на общей кухне. Каждый принёс книги на своём языке, и теперь мы учим друг друга читать."),
        ("ru", "Снова врач", "Дома я был врачом. Здесь я три года учился и сдавал экзамены. Теперь я снова лечу людей, и пациенты иногда приносят мне пироги."),
        ("hi", "रसोई से दोस्ती", "जब मैं यहाँ आई तो किसी को नहीं जानती थी। मैंने पड़ोसियों को अपने घर खाने पर बुलाया। अब हर महीने हम सब मिलकर अलग-अलग देशों का खाना बनाते हैं।"),
        ("zh", "街角的小饭馆", "我在街角开了一家小饭馆。一开始客人很少，后来邻居们常来吃饭，还教我说当地的话。现在这里像一个大家庭。我们一起过节，一起分享故事。"),
        ("en", "Night shift friends", "On the night shift at the warehouse we are from nine countries. At three in the morning we share tea and teach each other one new word every night."),
        ("en", "The bicycle repair club", "I fix bicycles every Saturday with a club of volunteers. Half of us came from somewhere else; all of us are proud when a child rides away on a working bike."),
        ("fr", "Mon premier vote", "Après dix ans ici, j'ai voté pour la première fois aux élections municipales. Ma voisine m'a accompagné au bureau de vote et nous avons pris un café ensuite."),
        ("es", "Clases de cocina en la escuela", "Los viernes doy clases de cocina en la escuela de mis hijos. Los niños prueban platos de mi país y luego me enseñan los de sus abuelas."),
        ("en", "Call me at the cafe", "Come and see our community cafe, ask for me at 12 Harbour Road or write to hello.cafe@example.org, we welcome everyone who arrives in town."),
        ("en", "Finding work as an engineer", "My friend Samir at the port helped me find work: call him on +44 20 7946 0958. I am now an engineer again after four years of trying."),
        ("sw", "Siku ya kwanza shuleni", "Siku ya kwanza shuleni mwanangu aliogopa sana. Mwalimu alimkaribisha kwa maneno machache ya lugha yetu, na sasa ana marafiki wengi darasani."),
        ("ar", "جارتي الجديدة", "جارتي علمتني كيف أركب الحافلة وأين أشتري الخبز. بعد سنة، صرت أنا من يساعد العائلات الجديدة في الحي على التعرف على المدينة."),
        ("pt", "Mercado de trocas", "Organizamos um mercado de trocas no bairro. Quem chega traz o que sabe fazer, e todos saem com alguma coisa nova e, principalmente, com novos amigos."),
        ("it", "Il mio primo lavoro", "Il mio primo lavoro è stato in una cucina. Lo chef mi ha insegnato i piatti della sua regione e io gli ho insegnato i miei. Oggi il menu ne ha di entrambi."),
    ];

    private static readonly string?[] Names = ["Amal", null, "Joseph", "Leila", null, "Tomás", "Fatima", null, "Yusuf", "Mariam", null, "Ana"];
    private static readonly string?[] Origins = ["SY", "AF", "VE", "ER", "SO", "UA", "NG", null, "IQ", "CD", "SD", "HN"];
    private static readonly string?[] Residences = ["DE", "FR", "ES", "IT", "KE", "BR", "TR", "GB", "US", null, "UG", "MX"];
    private static readonly string[][] ThemeSets = [["diversity-and-inclusion"], ["countering-xenophobia", "diversity-and-inclusion"], ["volunteerism"], ["diaspora"], ["migration-health"], []];

    /// <summary>Every state appears several times; the two flagged stories stay pending for the moderators.</summary>
    public static IEnumerable<Sample> All()
    {
        DemoState[] states =
        [
            DemoState.Published, DemoState.Published, DemoState.Pending, DemoState.Published, DemoState.OnHold, DemoState.Published,
            DemoState.Scheduled, DemoState.Published, DemoState.Rejected, DemoState.Published, DemoState.Withdrawn, DemoState.PressWithdrawn,
        ];
        for (var i = 0; i < Texts.Length; i++)
        {
            var (language, title, story) = Texts[i];
            var state = title.StartsWith("Call me", StringComparison.Ordinal) || title.StartsWith("Finding work", StringComparison.Ordinal)
                ? DemoState.Pending
                : states[i % states.Length];
            var consents = state == DemoState.PressWithdrawn ? AppAndPress : (i % 5) switch { 0 => AppOnly, 1 => AppAndPress, _ => AllPurposes };
            yield return new Sample(language, title, story, Names[i % Names.Length], Origins[i % Origins.Length], Residences[i % Residences.Length],
                ThemeSets[i % ThemeSets.Length], consents, state);
        }
    }
}
