#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QChar>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringView>

namespace Rwb {

// RFC 9110 §5.6.2 tchar: ALPHA, DIGIT or one of !#$%&'*+-.^_`|~. Methods and header field names are
// tokens; anything else in them is rejected or misread by servers.
bool isTokenChar(char c);
bool isTokenChar(QChar c);
// A non-empty sequence of tchar.
bool isToken(QByteArrayView text);
bool isToken(QStringView text);

// CR, LF or NUL: RFC 9110 §5.5 forbids them in a field value, where they would end or split the line.
bool hasFieldBreak(QByteArrayView value);
bool hasFieldBreak(QStringView value);
// The value with each CR, LF and NUL replaced by a space, the repair RFC 9110 §5.5 allows.
QByteArray replaceFieldBreaks(QByteArray value);

// Why a request cannot go on the wire as it is, for people, or empty when it can: its method or a header
// name is not a token, or a header value holds CR, LF or NUL (which would end the line and start another:
// request smuggling, and a trace that differs from the bytes sent). The text in the message shows its
// control characters escaped (visibleText: "\r", "\n", "\x00"). The engine checks every request with it.
// A request with more than kMaxRequestHeaderLines headers is refused too: no server reads such a head, and
// Qt's request writer (https) is quadratic in the header count (100,000 headers took 100 s).
constexpr qsizetype kMaxRequestHeaderLines = 10000;
QString requestSyntaxProblem(QByteArrayView method, const QList<QPair<QByteArray, QByteArray>> &headers);
// `text` with what could drive a terminal or reorder what is shown written as escapes: C0 and C1 control
// characters, DEL ("\x1b", "\r", "\n") and the bidirectional controls (U+202A..U+202E, U+2066..U+2069,
// U+200E, U+200F, U+061C: "\u202e"). For untrusted text (paths, reason phrases) put on a screen.
QString visibleText(QStringView text);

// Fetch's forbidden request-header names (Accept-Encoding, Connection, Cookie, Host, Origin, Referer, ...,
// and every Proxy- and Sec- name): the browser alone decides them, a page can neither set nor remove them.
bool isForbiddenRequestHeader(QByteArrayView name);

}  // namespace Rwb
