#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QChar>
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

// Fetch's forbidden request-header names (Accept-Encoding, Connection, Cookie, Host, Origin, Referer, ...,
// and every Proxy- and Sec- name): the browser alone decides them, a page can neither set nor remove them.
bool isForbiddenRequestHeader(QByteArrayView name);

}  // namespace Rwb
