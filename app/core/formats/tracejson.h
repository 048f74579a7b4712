#pragma once

#include "core/http/trace.h"

#include <QJsonObject>

#include <optional>

namespace Rwb {

class JsonReader;
class JsonWriter;

// The trace format of shared/design/cli-and-trace-format.md ("redirect-workbench-trace", version 1).
inline constexpr int kTraceFormatVersion = 1;

QJsonObject traceToJson(const Trace &trace);
// The hop's notes as the trace writes them: [{"code": ..., "message": ...}, ...].
void writeNotesJson(JsonWriter &j, const NoteList &notes);
// The members an outcome object starts with, as the trace writes them: "kind", "message", "finalUrl"
// (the trace's "outcome" goes on with more; HAR's "_outcome" is these).
void writeOutcomeMembers(JsonWriter &j, const Outcome &outcome);
QByteArray traceToJsonBytes(const Trace &trace);
// The trace as one JSON object into `writer` (at top level or as the value of a key), keys in the
// documented order; traceToJsonBytes() is this plus finish().
void writeTraceJson(JsonWriter &writer, const Trace &trace);

struct TraceLoadResult {
    std::optional<Trace> trace;
    QString error;  // names the field or the line and column
};
TraceLoadResult traceFromJson(const QByteArray &json);
// The trace in a value of a larger document (the "lastTrace" of a session case); a failure names the
// field under the reader's path: "items[0].lastTrace.hops[1].request.method: expected a string".
std::optional<Trace> readTraceJson(const JsonReader &object);

}  // namespace Rwb
