#pragma once

#include "core/http/trace.h"
#include "core/policy/options.h"

class QNetworkReply;
class QNetworkRequest;

namespace Rwb {

// The headers a profile's client sends on its own (User-Agent, Accept), and the ones QNAM would add
// implicitly unless they are set (Host, Connection, Accept-Language, Accept-Encoding, Content-Type,
// Content-Length). Setting them all ourselves makes the recorded list the sent list. The browser profile's
// own set comes from its request context (`browserHeaders`: BrowserContext::nextHop), with Host,
// Connection, Content-Length and Cookie added around it here.
WireRequest buildWireRequest(Profile profile, const RequestSpec &spec, const QByteArray &cookieHeader,
                             const HeaderList &browserHeaders = {});

// The QNetworkRequest that sends `wire` with manual redirects, no cache, no automatic cookies.
QNetworkRequest toNetworkRequest(const WireRequest &wire, bool http2Allowed);

// The reply's headers as QNetworkReply gives them, for hops HeaderTap cannot read (https): Set-Cookie
// lines (joined with "\n") are split back apart; other repeated lines stay joined with ", ", and of
// several Location lines Qt keeps only the last.
HeaderList responseHeaders(const QNetworkReply *reply);

QString networkErrorCode(int qtNetworkError);

}  // namespace Rwb
