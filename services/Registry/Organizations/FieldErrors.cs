using Iom.ServiceDefaults.Input;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Iom.Registry.Organizations;

/// <summary>
/// Field errors that can be counted and listed (the CSV import reports them per line), turned into the
/// suite's 400 ValidationProblem with <see cref="ToProblem"/>.
/// </summary>
public sealed class FieldErrors
{
    private readonly List<(string Field, string Message)> errors = [];

    public int Count => errors.Count;

    public bool IsValid => errors.Count == 0;

    public IReadOnlyList<(string Field, string Message)> All => errors;

    public FieldErrors Add(string field, string message)
    {
        errors.Add((field, message));
        return this;
    }

    public FieldErrors Require(bool condition, string field, string message) => condition ? this : Add(field, message);

    public ValidationProblem ToProblem(string title = "The request is not valid.")
    {
        var problem = new ValidationErrors();
        foreach (var (field, message) in errors)
        {
            problem.Add(field, message);
        }

        return problem.ToProblem(title);
    }
}
