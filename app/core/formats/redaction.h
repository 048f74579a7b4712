#pragma once

#include "core/http/trace.h"

#include <QStringView>
#include <QUrl>

namespace Rwb {

// The trace with secrets replaced by "[redacted]": values of Authorization, Proxy-Authorization, Cookie
// and Set-Cookie headers (a Set-Cookie keeps its cookie name and attributes, only the value goes), and
// the values of secret-looking query parameters (token, access_token, key, api_key, sig, signature,
// password, secret, ...) in every URL: request URLs, Location headers, resolved locations, the final
// URL. Request bodies that are form data get the same treatment for those parameter names.
// Authorization and Proxy-Authorization keep their scheme ("Bearer [redacted]"); Referer,
// Content-Location and Refresh URLs, a password in a URL and name=value pairs in a URL's fragment (OAuth's
// implicit flow) are redacted too, and every secret value found (of 6 characters or more) is also blotted out
// of the notes', errors' and outcome's messages and of the request and response bodies (an echo service or
// a debug page quotes the request's headers back).
Trace redactTrace(const Trace &trace);
// Whether a query or form parameter of that name holds a secret (case-insensitive).
bool isSecretQueryParameter(QStringView name);
// The URL with the values of secret parameters (query and fragment) and its password redacted.
QUrl redactUrl(const QUrl &url);

}  // namespace Rwb
