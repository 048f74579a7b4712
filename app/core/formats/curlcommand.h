#pragma once

#include "core/formats/shellwords.h"
#include "core/http/trace.h"
#include "core/policy/options.h"

#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace Rwb {

// A curl command line read into the request and options it stands for.
struct CurlCommand {
    RequestSpec request;
    // profile = Profile::Curl, or Profile::Browser for a browser's "Copy as cURL" (see browserCopy).
    Options options;
    bool followRedirects = false;  // -L/--location was given
    QStringList ignored;  // options understood but without effect here (--compressed, -s, -v, -o FILE, ...)
    QString user;         // the last -u/--user value, "name:password" (its Authorization is in request)
    // The header that shows the command was copied from a browser (a Sec-Fetch-*, a sec-ch-ua or a
    // Mozilla/ User-Agent header); empty for a command typed for curl.
    QString browserCopy;
};

struct CurlParseResult {
    std::optional<CurlCommand> command;
    QString error;  // names the problem and the word it is about; empty when command is set
};

// Reads what people paste from a terminal or a browser's "Copy as cURL (bash)": the words must start with
// "curl" (a leading "$ " prompt is tolerated). Files are never read: -d @file and -b FILE are errors.
CurlParseResult parseCurlCommand(const QString &text);

// What an import of `command` should tell people (the window's status bar, `rwb import-curl`'s notes):
// a browser's copy traced with the browser profile, a missing -L, the options without effect here.
QStringList curlImportNotes(const CurlCommand &command);
// A short name for a case made from `command`: "POST example.test/login" (no scheme, query or fragment).
QString curlCaseName(const CurlCommand &command);

// curl's reading of a -u value: the name is up to the first colon, the password is the rest.
QPair<QString, QString> splitCurlUser(const QString &userColonPassword);

}  // namespace Rwb
