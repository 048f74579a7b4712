#pragma once

#include "core/http/notecode.h"
#include "core/http/requestcontext.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <algorithm>
#include <array>
#include <optional>
#include <utility>

namespace Rwb {

// One header line as [name, value]; order is kept and duplicates are separate entries.
using HeaderPair = QPair<QByteArray, QByteArray>;
using HeaderList = QList<HeaderPair>;

// Case-insensitive helpers over a HeaderList (HTTP field names are case-insensitive).
bool hasHeader(const HeaderList &headers, QByteArrayView name);
QByteArray headerValue(const HeaderList &headers, QByteArrayView name);
QList<QByteArray> headerValues(const HeaderList &headers, QByteArrayView name);
int removeHeader(HeaderList &headers, QByteArrayView name);
void setHeader(HeaderList &headers, const QByteArray &name, const QByteArray &value);

// A decision the engine or a profile took, with a stable code for machines and a sentence for people.
struct Note {
    // noteCodeName() of the code; a code read from another version's trace is kept as it was written.
    QString code;
    QString message;
    // Optional structure for the views: what the note is about (a cookie's name) and the rule that decided,
    // in a few words. Empty for most notes and in traces of older versions.
    QString subject;
    QString reason;

    Note() = default;
    Note(NoteCode c, QString text)
        : code(noteCodeName(c))
        , message(std::move(text))
    {
    }
    Note(NoteCode c, QString text, QString about, QString rule)
        : code(noteCodeName(c))
        , message(std::move(text))
        , subject(std::move(about))
        , reason(std::move(rule))
    {
    }
    // A code as a trace file spells it.
    Note(QString c, QString text)
        : code(std::move(c))
        , message(std::move(text))
    {
    }
    NoteCode kind() const { return noteCodeFromName(code); }
    bool is(NoteCode c) const { return c == NoteCode::Other ? kind() == c : code == noteCodeName(c); }
    friend bool operator==(const Note &a, const Note &b)
    {
        return a.code == b.code && a.message == b.message && a.subject == b.subject && a.reason == b.reason;
    }
};
using NoteList = QList<Note>;
bool hasNote(const NoteList &notes, NoteCode code);
bool hasNote(const NoteList &notes, const QString &code);  // a code as a trace file spells it

// Whether the bytes are valid UTF-8 (then they are kept as text in JSON and shown as text). False for bytes
// that start with a UTF-8 byte order mark: Qt drops the mark when decoding, so they would not come back.
bool isUtf8(QByteArrayView bytes);
// Header bytes as the files rwb writes (trace JSON, the exports, a session's requests) hold them: UTF-8
// when isUtf8(), else Latin-1, one character a byte, so nothing the server sent is lost or replaced.
QString headerText(QByteArrayView bytes);
// Header bytes as the window and the expectations show them: as headerText(), but a leading UTF-8 byte
// order mark is skipped and the rest read as UTF-8 (Latin-1 only when that is not valid).
QString headerDisplayText(QByteArrayView bytes);

// "Basic " + base64("user:password"): the Authorization value of RFC 7617.
QByteArray basicAuthorization(const QByteArray &userColonPassword);

// The request of one hop as the user or the redirect policy shaped it, before the engine adds the
// per-connection headers (Host, Cookie from the jar, Content-Length).
struct RequestSpec {
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;  // may carry a fragment; the fragment is never sent
    HeaderList headers;
    QByteArray body;
    // The method was forced by the user (curl's -X): curl keeps such a method on every hop.
    bool customMethod = false;
    // The body is form data whose Content-Type the client adds itself (curl's -d, an HTML form) unless a
    // header sets one; that generated Content-Type goes with the body.
    bool formBody = false;
    // Headers the client would add itself that are not sent (curl's -H 'Name:'), in the order given.
    // Headers of `headers` are sent whatever this says, as curl sends every -H with a value.
    QList<QByteArray> suppressedHeaders;
};

struct WireRequest {
    QByteArray method;
    QUrl url;            // absolute, without fragment: what was asked of the server
    HeaderList headers;  // every header that went on the wire, in order
    QByteArray body;
    qint64 bodySize() const { return body.size(); }
};

struct WireResponse {
    int status = 0;
    QByteArray reason;
    QByteArray httpVersion;  // "1.1" or "2"
    HeaderList headers;      // one pair per header line received
    qint64 bodySize = 0;
    QByteArray bodyPreview;  // at most the engine's preview cap
    bool bodyTruncated = false;
    QUrl location;  // resolved target the profile follows next; empty when none
};

// One certificate of the chain a server sent.
struct CertificateInfo {
    QString subject;  // common names, ", "-joined
    QString issuer;
    QDateTime notBefore;
    QDateTime notAfter;
    friend bool operator==(const CertificateInfo &a, const CertificateInfo &b)
    {
        return a.subject == b.subject && a.issuer == b.issuer && a.notBefore == b.notBefore
               && a.notAfter == b.notAfter;
    }
};

struct TlsInfo {
    bool used = false;
    QString protocol;
    QString cipher;
    QString peerSubject;
    QString peerIssuer;
    QDateTime peerExpiry;
    QStringList errors;            // TLS errors seen (accepted or not)
    QByteArray alpn;               // the protocol ALPN settled on ("http/1.1", "h2"); empty: none
    QList<CertificateInfo> chain;  // as the server sent it, its own certificate first
    QString clientCertificate;     // the subject of the certificate offered (--cert); empty: none
};

// Milliseconds on the trace's clock: from the start of the trace, less the time it stood paused in step
// mode (the user's thinking time is not network time; it is pausedMs of the hop sent after it).
// Where a hop's time went, in ms, as HAR 1.2 divides it (and curl's -w times add it up): -1 for a phase
// that did not happen (dns, connect and tls on a reused connection, tls on http) or is not known (a hop the
// relay did not carry, traces of older versions). `connect` is the TCP connection alone, `tls` its
// handshake after it (HAR's connect holds both). blocked + dns + connect + tls + send + wait + receive is
// the hop's time.
struct TimingPhases {
    double blocked = -1;  // from the hop's start until its connection was asked for or its request began
    double dns = -1;      // the name's lookup
    double connect = -1;
    double tls = -1;
    double send = -1;     // the request's bytes, until the last went on the wire
    double wait = -1;     // until the response's first byte
    double receive = -1;  // until its last
    bool known() const { return send >= 0; }
    // The phases that happened, added up: the hop's time when known().
    double total() const
    {
        double sum = 0;
        for (double phase : {blocked, dns, connect, tls, send, wait, receive})
            sum += std::max(0.0, phase);
        return sum;
    }
    friend bool operator==(const TimingPhases &a, const TimingPhases &b)
    {
        return a.blocked == b.blocked && a.dns == b.dns && a.connect == b.connect && a.tls == b.tls
               && a.send == b.send && a.wait == b.wait && a.receive == b.receive;
    }
};

// The phases by the names trace JSON gives them ("blockedMs", "dnsMs", ...), in the order they happen: a
// pointer to each field of `p` (const or not, as `p` is).
template <typename Phases> auto phaseFields(Phases &p)
{
    using Field = std::pair<const char *, decltype(&p.blocked)>;
    return std::array<Field, 7>{{{"blockedMs", &p.blocked},
                                 {"dnsMs", &p.dns},
                                 {"connectMs", &p.connect},
                                 {"tlsMs", &p.tls},
                                 {"sendMs", &p.send},
                                 {"waitMs", &p.wait},
                                 {"receiveMs", &p.receive}}};
}

struct Timing {
    double startMs = 0;
    double responseMs = 0;
    double endMs = 0;
    TimingPhases phases;
};
// Milliseconds as trace JSON and HAR write them: rounded to the microsecond, plenty for a hop.
double roundedMs(double ms);

struct HopError {
    QString code;
    QString message;
};

struct Hop {
    int index = 0;
    bool synthetic = false;        // made without a network request (HSTS internal redirect)
    HopVia via = HopVia::Request;  // how the hop was reached
    bool edited = false;           // changed by the user while stepping
    // Reached by a refresh (via RefreshHeader or MetaRefresh): the delay the page asked for, in ms.
    std::optional<qint64> refreshDelayMs;
    WireRequest request;
    std::optional<WireResponse> response;
    std::optional<HopError> error;
    Timing timing;
    // Step mode: how long the trace stood paused just before this hop was sent (wall-clock ms; trace JSON's
    // timing.pausedMs); 0 when it did not pause. Not part of the timing nor of any later hop's.
    double pausedMs = 0;
    TlsInfo tls;
    // The server's end of the connection the response came over, as the relay connected it, and whether
    // that connection had carried a response before; empty (port 0) when unknown.
    // With a proxy, the address is the proxy's: `proxy` names it (ProxyServer::displayUrl(), no password),
    // and for https through an http proxy the CONNECT that opened the tunnel is kept, request and answer
    // heads as they went (with the connection's first response only, as TLS problems are).
    struct Connection {
        QString address;
        int port = 0;
        bool reused = false;
        QString proxy;  // empty: direct
        QByteArray proxyConnect;
        QByteArray proxyConnectResponse;
        bool isEmpty() const { return port == 0 && proxy.isEmpty(); }
        friend bool operator==(const Connection &a, const Connection &b)
        {
            return a.address == b.address && a.port == b.port && a.reused == b.reused && a.proxy == b.proxy
                   && a.proxyConnect == b.proxyConnect && a.proxyConnectResponse == b.proxyConnectResponse;
        }
    } connection;
    NoteList notes;
};

enum class OutcomeKind {
    Final,
    TooManyRedirects,
    Loop,
    BlockedScheme,
    InvalidLocation,
    NetworkError,
    Timeout,
    TlsError,
    Stopped,
};
QString outcomeKindName(OutcomeKind kind);
std::optional<OutcomeKind> outcomeKindFromName(const QString &name);

struct Outcome {
    OutcomeKind kind = OutcomeKind::Final;
    QString message;
    QUrl finalUrl;
    int finalStatus = 0;
    int repeatsHop = -1;  // for Loop: the earlier hop the last request repeats
};

struct Trace {
    QString profile;
    // Where the chain started (browser profile; unset for the others and in traces of older versions).
    std::optional<RequestContext> context;
    QDateTime startedAt;
    QList<Hop> hops;
    Outcome outcome;
    // Redirects and refreshes followed: every hop after the first was reached by following one (HSTS ones
    // included).
    int redirectCount() const { return hops.isEmpty() ? 0 : int(hops.size()) - 1; }
    // The hops reached by a Refresh header or a meta refresh.
    int refreshCount() const;
    // Step mode: the time the trace stood paused before hop `index` was sent and before every earlier hop
    // (wall-clock ms); startedAt + this + the hop's startMs is when the hop was sent.
    double pausedBeforeMs(int index) const;
};

}  // namespace Rwb
