#pragma once

#include "core/http/trace.h"

#include <QByteArray>

namespace Rwb {

// The trace as CSV (RFC 4180, CRLF line ends, UTF-8): a header line, then one line per hop with its
// method, URL, status, reason, location, start and duration in ms, note codes and error. A field that a
// spreadsheet would run as a formula (=, +, -, @, tab, CR or LF first) starts with an apostrophe.
QByteArray traceToCsv(const Trace &trace);

}  // namespace Rwb
