#pragma once

#include "core/http/trace.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringView>
#include <QUrl>

#include <optional>

namespace Rwb {

// Trace exports for sharing: the trace JSON, HAR 1.2, CSV, Markdown and a curl script. Every export is
// redacted unless the caller asks to keep secrets.
enum class ExportFormat { Json, Har, Csv, Markdown, CurlScript };
QString exportFormatName(ExportFormat format);  // "json", "har", "csv", "md", "curl"
std::optional<ExportFormat> exportFormatFromName(const QString &name);
QString exportFormatSuffix(ExportFormat format);  // file suffix without dot: "json", "har", "csv", "md", "sh"

struct ExportOptions {
    bool keepSecrets = false;  // false: redactTrace() first
};

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

// The export as bytes (UTF-8 for the text formats), ending with a newline. The curl script starts with
// #!/bin/sh, or with bash when a command needs bash's $'...' quoting (control bytes, bytes not UTF-8).
QByteArray exportTrace(const Trace &trace, ExportFormat format, const ExportOptions &options = {});

// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/): one entry per hop that has a response or
// an error, with redirectURL, timings, request and response headers, cookies, postData and content.
// Synthetic hops (HSTS internal redirect) become entries too, marked with "_synthetic": true.
QByteArray traceToHar(const Trace &trace);

// A chain found in a HAR file: the request of an entry that no other entry redirected to.
struct HarChain {
    QString name;  // "GET http://host/path"
    RequestSpec request;
};
struct HarImportResult {
    QList<HarChain> chains;
    QString error;  // empty on success; names the place ("log.entries[3].request.url: expected a string")
};
// Entries are read in file order; one starts a chain unless its request URL is the redirect target
// (redirectURL, else the Location header, resolved against the entry's URL) of an earlier entry. Entries
// that are not http(s) (data:, blob:, ...) are skipped. HTTP/2 pseudo-headers, Host, Content-Length and
// Connection are left out of the request; the body comes from postData.text (or its params).
HarImportResult importHar(const QByteArray &json);

}  // namespace Rwb
