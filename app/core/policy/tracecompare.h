#pragma once

#include "core/http/trace.h"

#include <QStringList>

namespace Rwb {

// Where traces of the same request under different profiles part ways. Row i stands for hop i in every
// trace; a trace with fewer hops has "ended" there. The row after the longest trace compares outcomes.
struct CompareRow {
    QStringList differences;  // sentences, e.g. "method: POST (browser) vs GET (strict)"; empty: same
};
// `names` label the traces in the sentences (profile names). Compares per hop: whether the hop exists,
// method, URL, status, request headers by name (a header one trace sent and another did not), body
// size; and, in the final row, outcome kind and final URL.
QList<CompareRow> compareTraces(const QList<Trace> &traces, const QStringList &names);

}  // namespace Rwb
