#pragma once

#include "core/http/trace.h"

#include <QString>

// A hop as the text exports (CSV, Markdown, the curl script, HAR) show it. In a namespace of their own:
// other layers have functions of these names.
namespace Rwb::HopText {

bool isFormContentType(const QByteArray &contentType);
// "302 Found", or "no response (timeout)" for a hop without one.
QString hopStatus(const Hop &hop);
// Where the hop pointed next: the resolved location, else the Location header as received.
QString hopLocation(const Hop &hop);
// How the hop was reached, as trace JSON names it ("redirect", "refresh-header", ...), with a refresh's
// delay for people ("meta-refresh 1 s") when `withDelay`.
QString hopVia(const Hop &hop, bool withDelay);
// The codes of the notes, joined by `separator`.
QString noteCodes(const NoteList &notes, const QString &separator);

}  // namespace Rwb::HopText
