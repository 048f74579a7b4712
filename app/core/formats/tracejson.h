#pragma once

#include "core/http/trace.h"

#include <QJsonObject>

struct QJsonParseError;

namespace Rwb {

class JsonWriter;

// The trace format of shared/design/cli-and-trace-format.md ("redirect-workbench-trace", version 1).
inline constexpr int kTraceFormatVersion = 1;

QJsonObject traceToJson(const Trace &trace);
// The hop's notes as the trace writes them: [{"code": ..., "message": ...}, ...].
void writeNotesJson(JsonWriter &j, const NoteList &notes);
QByteArray traceToJsonBytes(const Trace &trace);
// The trace as one JSON object into `writer` (at top level or as the value of a key), keys in the
// documented order; traceToJsonBytes() is this plus finish().
void writeTraceJson(JsonWriter &writer, const Trace &trace);

struct TraceLoadResult {
    std::optional<Trace> trace;
    QString error;  // names the field or the line and column
};
TraceLoadResult traceFromJson(const QByteArray &json);
// A trace from an already parsed object (the "lastTrace" of a session case). Errors name the field
// after `fieldPrefix` and a dot when the prefix is not empty: "items[0].lastTrace.hops[1].request.method:".
TraceLoadResult traceFromJsonObject(const QJsonObject &object, const QString &fieldPrefix = QString());

// "line L, column C" of a byte offset into `json` (columns count bytes), for errors people can find.
QString jsonPosition(const QByteArray &json, qsizetype offset);
// "line L, column C: <what QJsonParseError says>" for a failed QJsonDocument::fromJson(json).
QString jsonParseErrorMessage(const QByteArray &json, const QJsonParseError &error);

}  // namespace Rwb
