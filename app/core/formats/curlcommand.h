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
    Options options;               // profile = Profile::Curl
    bool followRedirects = false;  // -L/--location was given
    QStringList ignored;  // options understood but without effect here (--compressed, -s, -v, -o FILE, ...)
    QString user;         // the last -u/--user value, "name:password" (its Authorization is in request)
};

struct CurlParseResult {
    std::optional<CurlCommand> command;
    QString error;  // names the problem and the word it is about; empty when command is set
};

// Reads what people paste from a terminal or a browser's "Copy as cURL (bash)": the words must start with
// "curl" (a leading "$ " prompt is tolerated). Files are never read: -d @file and -b FILE are errors.
CurlParseResult parseCurlCommand(const QString &text);

// curl's reading of a -u value: the name is up to the first colon, the password is the rest.
QPair<QString, QString> splitCurlUser(const QString &userColonPassword);

}  // namespace Rwb
