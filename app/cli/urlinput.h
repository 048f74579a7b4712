#pragma once

#include <QString>
#include <QUrl>

namespace Rwb::Cli {

// A URL as typed on the command line. As curl does, a URL without a scheme is http ("example.com/a",
// "localhost:8080"). An http or https URL must have a host. Other schemes are returned as they are: the
// engine ends the trace on them as a blocked scheme.
// On failure an empty QUrl, and `error` says for people what is wrong and where:
// "invalid URL 'http://a b/': the host 'a b' contains a space".
QUrl parseCommandLineUrl(const QString &text, QString *error);

}  // namespace Rwb::Cli
