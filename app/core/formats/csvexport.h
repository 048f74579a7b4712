#pragma once

#include "core/http/trace.h"

#include <QByteArray>

namespace Rwb {

// The trace as CSV (RFC 4180, CRLF line ends, UTF-8): a header line, then one line per hop with its
// method, URL, status, reason, location, start and duration in ms, note codes and error. A field that a
// spreadsheet would run as a formula (=, +, -, @, tab, CR or LF first) starts with an apostrophe.
QByteArray traceToCsv(const Trace &trace);

// One CSV field: quoted when it holds a comma, a quote or a line break; a value a spreadsheet would run as a
// formula (=, +, -, @ first) is written with a leading apostrophe (OWASP's advice for CSV injection).
QString csvField(const QString &value);

}  // namespace Rwb
