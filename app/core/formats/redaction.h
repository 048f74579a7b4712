#pragma once

#include "core/http/trace.h"

#include <QStringView>
#include <QUrl>

namespace Rwb {

// The trace with secrets replaced by "[redacted]": values of Authorization, Proxy-Authorization, Cookie
// and Set-Cookie headers (a Set-Cookie keeps its cookie name and attributes, only the value goes) and of
// headers named like secrets (X-Api-Key, X-Auth-Token, ...), and the values of secret-looking query
// parameters (isSecretQueryParameter) in every URL: request URLs, Location headers, resolved locations,
// the final URL, and URLs carried percent-encoded inside a parameter of another (?next=...). Request
// bodies that are form data or JSON get the same treatment for those names. Authorization and
// Proxy-Authorization keep their scheme ("Bearer [redacted]"); Referer, Content-Location and Refresh
// URLs, a password in a URL and name=value pairs in a URL's fragment (OAuth's implicit flow) are redacted
// too, and every secret value found is also blotted out (raw and percent-encoded) of the notes', errors'
// and outcome's messages and of the request and response bodies (an echo service or a debug page quotes
// the request's headers back): from 6 characters anywhere, from 3 where it stands as a word of its own.
Trace redactTrace(const Trace &trace);
// Whether a query, form or JSON parameter of that name holds a secret (case-insensitive): auth, key, sig,
// session, sessionid, jwt, code (OAuth), and every name with a word token, secret, password, passwd, pwd,
// signature, credential(s), apikey or "api key" (access_token, X-Amz-Signature, X-Amz-Credential,
// client_secret, accessToken, ...), while "tokens", "keyword" or "mysecret" are not.
bool isSecretQueryParameter(QStringView name);
// The URL with the values of secret parameters (query and fragment) and its password redacted.
QUrl redactUrl(const QUrl &url);

}  // namespace Rwb
