#!/usr/bin/env bash
# Mints a development JWT (HS256) signed with the suite's documented local key, for trying the APIs with curl.
# Usage: scripts/dev-token.sh ROLE [ORGANISATION_ID] [SUBJECT] [LIFETIME_SECONDS]
#   ROLE: admin | registry-editor | consultation-organizer | campaign-moderator | media-editor | syndicate-editor | cso-focal-point | journalist
# Example: curl -H "Authorization: Bearer $(scripts/dev-token.sh registry-editor)" http://localhost:5080/api/registry/organizations/...
# The key, issuer and audience match AppHost/appsettings.Development.json (override with IOM_DEV_SIGNING_KEY, IOM_DEV_ISSUER, IOM_DEV_AUDIENCE).
set -euo pipefail
role="${1:?role required: admin, registry-editor, consultation-organizer, campaign-moderator, media-editor, syndicate-editor, cso-focal-point, journalist}"
org="${2:-}"
sub="${3:-dev-$role}"
lifetime="${4:-28800}"
key="${IOM_DEV_SIGNING_KEY:-iom-local-development-signing-key-not-for-production}"
iss="${IOM_DEV_ISSUER:-iom-dev}"
aud="${IOM_DEV_AUDIENCE:-iom-api}"
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
org_claim=""
[ -n "$org" ] && org_claim="\"org\":\"$org\","
header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
payload=$(printf '{"sub":"%s","role":"%s",%s"iss":"%s","aud":"%s","iat":%d,"nbf":%d,"exp":%d}' \
  "$sub" "$role" "$org_claim" "$iss" "$aud" "$now" "$now" "$((now + lifetime))" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -hmac "$key" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
