#pragma once

#include "core/http/trace.h"

namespace Rwb::Cli {

// A readable per-hop timeline for the terminal: one block per hop (method, URL, status and reason,
// duration, Location, notes) and the outcome. ANSI colours only when `colour` is true.
QByteArray textReport(const Trace &trace, bool colour);

}  // namespace Rwb::Cli
