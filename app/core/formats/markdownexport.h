#pragma once

#include "core/http/trace.h"

#include <QByteArray>

namespace Rwb {

// The trace as Markdown: a title, one line on the profile and start, a table of the hops (GFM) and the
// outcome. Text from the trace is escaped or put in code spans, so it cannot change the layout.
QByteArray traceToMarkdown(const Trace &trace);

}  // namespace Rwb
