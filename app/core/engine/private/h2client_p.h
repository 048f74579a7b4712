// Private to HeaderTap: the client end of one HTTP/2 connection (RFC 9113), for a relay tunnel whose server
// chose "h2" in ALPN. QNAM keeps speaking HTTP/1.1 to the relay; the relay hands each request to this
// client as a stream and gives QNAM the response back in HTTP/1.1 (H2Response::head1() and chunk framing).
//
// The protocol itself (frames, SETTINGS, flow control, HPACK) is Debian's libnghttp2, the library curl uses
// for the same job; this class is the glue: memory in, memory out, no sockets, so that it can be tested on
// its own. Incoming header fields are not validated (nghttp2's HTTP messaging checks are off): the trace
// shows what the server sent, as it is, even where a strict client would reset the stream.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <functional>
#include <memory>

namespace Rwb::Detail {

using H2Fields = QList<QPair<QByteArray, QByteArray>>;

// What the server answered on a stream, as received: its :status and the other fields in wire order
// (pseudo-header fields other than :status kept too, duplicates kept).
struct H2Head {
    int status = 0;
    H2Fields fields;        // without :status
    QByteArray statusText;  // the :status value as received
    // "HTTP/2 302" and "name: value" lines (curl -v writes an HTTP/2 head so), the trace's raw head.
    QByteArray text() const;
};

class H2Client
{
public:
    struct Handlers {
        std::function<void(const H2Head &head, bool informational)>
            head;                                                    // a 1xx (not 101), or the final one
        std::function<void(const char *data, qsizetype size)> data;  // the final response's body
        std::function<void()> end;                                   // the stream ended normally
        // The stream ended without its end (RST_STREAM, GOAWAY for it, the connection's error): why.
        std::function<void(const QString &reason)> failed;
    };

    explicit H2Client(Handlers handlers);
    ~H2Client();
    H2Client(const H2Client &) = delete;
    H2Client &operator=(const H2Client &) = delete;

    // Sends a request on a new stream: `fields` in order, pseudo-header fields first as given, then `body`
    // in DATA frames (none: the HEADERS frame ends the stream). False when the connection takes no more
    // streams (a GOAWAY came, or an error), with the reason in error().
    bool request(const H2Fields &fields, const QByteArray &body);
    bool streamOpen() const { return m_stream > 0; }

    // Reads bytes from the server. False on a connection error (error() says which).
    bool receive(const char *data, qsizetype size);
    // The bytes to write to the server now (the connection preface first).
    QByteArray takeOutgoing();
    // The last request's bytes, END_STREAM included, have been handed out by takeOutgoing().
    bool requestWritten() const { return m_requestWritten; }
    // Neither side has anything more to say (after a GOAWAY or an error): close the connection.
    bool finished() const;
    // The server said GOAWAY: no new stream may start here.
    bool goneAway() const { return m_goneAway; }
    QString error() const { return m_error; }

private:
    struct Session;
    friend struct Session;
    void failStream(const QString &reason);  // resets the open stream and tells the handler why
    std::unique_ptr<Session> m_session;
    Handlers m_handlers;
    int m_stream = 0;  // the open request's stream; 0: none
    QByteArray m_body;
    qsizetype m_bodySent = 0;
    bool m_requestWritten = false;
    bool m_finalHead = false;
    bool m_goneAway = false;
    H2Head m_head;  // being received
    QString m_error;
    QString m_libraryError;  // nghttp2's words for the last protocol error it found
};

// The request fields an HTTP/2 client sends for an HTTP/1.1 head (request line and header lines as the relay
// would have sent them): the pseudo-header fields in `pseudoOrder` (letters m :method, s :scheme, a
// :authority, p :path; :authority from Host), then every header line in order with its name in lower case,
// but for those HTTP/2 has no place for (RFC 9113 §8.2.2: Connection, Keep-Alive, Proxy-Connection,
// Transfer-Encoding, Upgrade, and TE unless "trailers") and Host. Empty for a head that is no request.
H2Fields h2RequestFields(const QByteArray &head, const QByteArray &scheme, const QByteArray &pseudoOrder);

// The HTTP/1.1 head QNAM is given for an HTTP/2 response: the status line (no reason: HTTP/2 has none), the
// fields that are not pseudo-header fields and that an HTTP/1.1 reader can take (no CR, LF or NUL; framing
// fields left out), then "Transfer-Encoding: chunked" when a body follows (the relay writes DATA in chunks).
QByteArray h1HeadFor(const H2Head &head, bool bodyFollows);

}  // namespace Rwb::Detail
