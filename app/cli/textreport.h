#pragma once

#include "core/http/trace.h"

namespace Rwb::Cli {

// A readable per-hop timeline for the terminal: one block per hop (method, URL, status and reason,
// duration, Location, TLS, notes) and the outcome. ANSI colours only when `colour` is true. `verbose` adds,
// as curl -v does, each hop's request line and headers as sent ("> ") and its status line and headers as
// received ("< "), unredacted as the trace JSON is; every byte from the server or the user is shown
// escaped when it is a control character.
QByteArray textReport(const Trace &trace, bool colour, bool verbose = false);

}  // namespace Rwb::Cli
