// The texts and rows of the hop inspector's tabs, built from a hop without any widget so they can be
// read and tested on their own.
#pragma once

#include "core/http/trace.h"
#include "workbench/rowtablemodel.h"

#include <QString>
#include <QStringList>

namespace Rwb {

QString requestLine(const Hop &hop);       // "POST http://a/x HTTP/1.1"
QString statusLine(const Hop &hop);        // "HTTP/1.1 302 Found"; empty without a response
QStringList hopFlagLines(const Hop &hop);  // synthetic, edited
QStringList tlsLines(const TlsInfo &tls);  // empty when TLS was not used
// "Connected to 127.0.0.1:8443 (a new connection)": empty when the trace does not know the connection.
QStringList connectionLines(const Hop &hop);
QStringList locationLines(const Hop &hop);  // raw Location values and where they resolved to
QString timingText(const Timing &timing, double pausedMs = 0);  // pausedMs: Hop::pausedMs
// A pause of step-through as the timeline and the inspector show it: "450 ms", "31 s", "2 min 5 s".
QString pauseText(double ms);
QString hopErrorText(const HopError &error);

// Cookies: the request's Cookie header split into pairs; each Set-Cookie line parsed.
QList<RowTableModel::Row> sentCookieRows(const Hop &hop);
QList<RowTableModel::Row> setCookieRows(const Hop &hop);
// Each cookie decision of the hop (its cookie notes): cookie, decision (sent, not sent, stored, rejected,
// deleted, preset, ignored, seeded), the rule.
QList<RowTableModel::Row> cookieDecisionRows(const Hop &hop);
QString cookieDecisionName(const QString &code);

// Changes from `previous` to `current`: method, URL and body lines, then one row per request header.
QStringList requestChangeLines(const Hop &previous, const Hop &current);
QList<RowTableModel::Row> headerChangeRows(const Hop &previous, const Hop &current);

// Rich text for the Explain tab; everything that came from a server or a note is escaped.
QString explainHtml(const QString &traceProfile, const Hop &hop);

// The curl command for the hop (-k when the hop's TLS errors were accepted).
QString curlCommandForHop(const Hop &hop);

}  // namespace Rwb
