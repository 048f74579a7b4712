#include "private/h2client_p.h"
#include "private/headertap_p.h"  // parseHead()

#include <nghttp2/nghttp2.h>

#include <cstdlib>
#include <cstring>

namespace Rwb::Detail {

QByteArray H2Head::text() const
{
    QByteArray out = "HTTP/2 " + statusText + "\r\n";
    for (const auto &[name, value] : fields)
        out += name + ": " + value + "\r\n";
    return out + "\r\n";
}

struct H2Client::Session {
    nghttp2_session *session = nullptr;
    ~Session() { nghttp2_session_del(session); }

    static H2Client *client(void *userData) { return static_cast<H2Client *>(userData); }

    static int onBeginHeaders(nghttp2_session *, const nghttp2_frame *frame, void *userData)
    {
        H2Client *c = client(userData);
        if (frame->hd.type == NGHTTP2_HEADERS && frame->hd.stream_id == c->m_stream)
            c->m_head = H2Head();
        return 0;
    }

    static int onHeader(nghttp2_session *, const nghttp2_frame *frame, const uint8_t *name, size_t nameLength,
                        const uint8_t *value, size_t valueLength, uint8_t, void *userData)
    {
        H2Client *c = client(userData);
        if (frame->hd.type != NGHTTP2_HEADERS || frame->hd.stream_id != c->m_stream)
            return 0;
        const QByteArray n(reinterpret_cast<const char *>(name), qsizetype(nameLength));
        const QByteArray v(reinterpret_cast<const char *>(value), qsizetype(valueLength));
        if (n == ":status" && c->m_head.statusText.isNull())
            c->m_head.statusText = v;
        else
            c->m_head.fields.append({n, v});
        return 0;
    }

    static int onFrameReceived(nghttp2_session *, const nghttp2_frame *frame, void *userData)
    {
        H2Client *c = client(userData);
        if (frame->hd.type == NGHTTP2_GOAWAY) {
            c->m_goneAway = true;
            return 0;
        }
        if (frame->hd.stream_id == 0 || frame->hd.stream_id != c->m_stream)
            return 0;
        const bool endStream = frame->hd.flags & NGHTTP2_FLAG_END_STREAM;
        if (frame->hd.type == NGHTTP2_HEADERS && !c->m_finalHead) {
            bool ok = false;
            H2Head &head = c->m_head;
            head.status = head.statusText.size() == 3 ? head.statusText.toInt(&ok) : 0;
            if (!ok || head.status < 100) {
                c->failStream(QStringLiteral("the server's HTTP/2 response has no valid :status (\"%1\")")
                                  .arg(QString::fromLatin1(head.statusText)));
                return 0;
            }
            const bool informational = head.status < 200 && head.status != 101 && !endStream;
            c->m_finalHead = !informational;
            if (c->m_handlers.head)
                c->m_handlers.head(head, informational);
        }
        if (endStream && c->m_finalHead && c->m_stream != 0) {
            c->m_stream = -c->m_stream;  // ended: its close is not a failure
            if (c->m_handlers.end)
                c->m_handlers.end();
        }
        return 0;
    }

    static int onData(nghttp2_session *, uint8_t, int32_t stream, const uint8_t *data, size_t length,
                      void *userData)
    {
        H2Client *c = client(userData);
        if (stream == c->m_stream && c->m_finalHead && c->m_handlers.data)
            c->m_handlers.data(reinterpret_cast<const char *>(data), qsizetype(length));
        return 0;
    }

    static int onFrameSent(nghttp2_session *, const nghttp2_frame *frame, void *userData)
    {
        H2Client *c = client(userData);
        if (frame->hd.stream_id != 0 && std::abs(frame->hd.stream_id) == std::abs(c->m_stream)
            && (frame->hd.flags & NGHTTP2_FLAG_END_STREAM))
            c->m_requestWritten = true;
        return 0;
    }

    static int onStreamClosed(nghttp2_session *, int32_t stream, uint32_t errorCode, void *userData)
    {
        H2Client *c = client(userData);
        if (stream == -c->m_stream) {
            c->m_stream = 0;  // ended normally
        } else if (stream == c->m_stream) {
            c->failStream(
                errorCode == NGHTTP2_NO_ERROR
                    ? QStringLiteral("the server closed the HTTP/2 stream before the response's end")
                    : QStringLiteral("the server reset the HTTP/2 stream (%1)")
                          .arg(QString::fromLatin1(nghttp2_http2_strerror(errorCode))));
        }
        return 0;
    }

    static int onError(nghttp2_session *, int, const char *message, size_t length, void *userData)
    {
        client(userData)->m_libraryError = QString::fromLatin1(message, qsizetype(length));
        return 0;
    }

    static ssize_t readBody(nghttp2_session *, int32_t, uint8_t *buffer, size_t length, uint32_t *flags,
                            nghttp2_data_source *, void *userData)
    {
        H2Client *c = client(userData);
        const qsizetype n = qMin(qsizetype(length), c->m_body.size() - c->m_bodySent);
        std::memcpy(buffer, c->m_body.constData() + c->m_bodySent, size_t(n));
        c->m_bodySent += n;
        if (c->m_bodySent == c->m_body.size()) {
            *flags |= NGHTTP2_DATA_FLAG_EOF;
            c->m_body.clear();
            c->m_bodySent = 0;
        }
        return ssize_t(n);
    }
};

H2Client::H2Client(Handlers handlers)
    : m_session(std::make_unique<Session>())
    , m_handlers(std::move(handlers))
{
    nghttp2_session_callbacks *callbacks = nullptr;
    nghttp2_session_callbacks_new(&callbacks);
    nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, &Session::onBeginHeaders);
    nghttp2_session_callbacks_set_on_header_callback(callbacks, &Session::onHeader);
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, &Session::onFrameReceived);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, &Session::onData);
    nghttp2_session_callbacks_set_on_frame_send_callback(callbacks, &Session::onFrameSent);
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, &Session::onStreamClosed);
    nghttp2_session_callbacks_set_error_callback2(callbacks, &Session::onError);
    nghttp2_option *option = nullptr;
    nghttp2_option_new(&option);
    nghttp2_option_set_no_http_messaging(option, 1);  // record what the server sent, valid or not
    nghttp2_session_client_new2(&m_session->session, callbacks, this, option);
    nghttp2_option_del(option);
    nghttp2_session_callbacks_del(callbacks);
    // No server push; a window big enough that a body flows at the socket's pace (the relay stops reading
    // the server while QNAM has not taken what it was given, so nothing piles up beyond this).
    const nghttp2_settings_entry settings[] = {{NGHTTP2_SETTINGS_ENABLE_PUSH, 0},
                                               {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, 100},
                                               {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, 1 << 20}};
    nghttp2_submit_settings(m_session->session, NGHTTP2_FLAG_NONE, settings, std::size(settings));
    nghttp2_session_set_local_window_size(m_session->session, NGHTTP2_FLAG_NONE, 0, 1 << 24);
}

H2Client::~H2Client() = default;

bool H2Client::request(const H2Fields &fields, const QByteArray &body)
{
    if (m_goneAway) {
        m_error = QStringLiteral("the server sent GOAWAY");
        return false;
    }
    QList<nghttp2_nv> nv;
    nv.reserve(fields.size());
    for (const auto &[name, value] : fields) {
        nv.append({reinterpret_cast<uint8_t *>(const_cast<char *>(name.constData())),
                   reinterpret_cast<uint8_t *>(const_cast<char *>(value.constData())), size_t(name.size()),
                   size_t(value.size()), NGHTTP2_NV_FLAG_NONE});
    }
    m_body = body;
    m_bodySent = 0;
    m_requestWritten = false;
    m_finalHead = false;
    nghttp2_data_provider provider{};
    provider.read_callback = &Session::readBody;
    const int32_t stream = nghttp2_submit_request(m_session->session, nullptr, nv.constData(),
                                                  size_t(nv.size()), body.isEmpty() ? nullptr : &provider,
                                                  nullptr);  // copies the fields
    if (stream < 0) {
        m_error = QString::fromLatin1(nghttp2_strerror(stream));
        return false;
    }
    m_stream = stream;
    return true;
}

bool H2Client::receive(const char *data, qsizetype size)
{
    m_libraryError.clear();
    const ssize_t read =
        nghttp2_session_mem_recv(m_session->session, reinterpret_cast<const uint8_t *>(data), size_t(size));
    if (read >= 0 && m_libraryError.isEmpty()
        && (m_stream <= 0 || nghttp2_session_want_read(m_session->session)))
        return true;
    // A fatal error (nghttp2 returns it), or one the library answered with its GOAWAY: the connection
    // reads no more, and an open stream cannot end.
    m_error = QStringLiteral("HTTP/2 connection error: %1")
                  .arg(!m_libraryError.isEmpty() ? m_libraryError
                       : read < 0                ? QString::fromLatin1(nghttp2_strerror(int(read)))
                                  : QStringLiteral("the connection ended before the response's end"));
    if (m_stream > 0)
        failStream(m_error);
    return false;
}

QByteArray H2Client::takeOutgoing()
{
    QByteArray out;
    for (;;) {
        const uint8_t *data = nullptr;
        const ssize_t n = nghttp2_session_mem_send(m_session->session, &data);
        if (n <= 0)
            break;
        out.append(reinterpret_cast<const char *>(data), qsizetype(n));
    }
    return out;
}

bool H2Client::finished() const
{
    return !nghttp2_session_want_read(m_session->session) && !nghttp2_session_want_write(m_session->session);
}

void H2Client::failStream(const QString &reason)
{
    if (m_stream <= 0)
        return;
    const int32_t stream = m_stream;
    m_stream = 0;
    nghttp2_submit_rst_stream(m_session->session, NGHTTP2_FLAG_NONE, stream, NGHTTP2_CANCEL);
    if (m_handlers.failed)
        m_handlers.failed(reason);
}

namespace {

bool noPlaceInHttp2(QByteArrayView name, QByteArrayView value)
{
    for (const char *n :
         {"Host", "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade"}) {
        if (name.compare(QByteArrayView(n), Qt::CaseInsensitive) == 0)
            return true;
    }
    return name.compare("TE", Qt::CaseInsensitive) == 0
           && value.compare("trailers", Qt::CaseInsensitive) != 0;
}

}  // namespace

H2Fields h2RequestFields(const QByteArray &head, const QByteArray &scheme, const QByteArray &pseudoOrder)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    const QByteArray requestLine = parseHead(head, headers);
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3)
        return {};
    QByteArray authority;
    for (const auto &[name, value] : headers) {
        if (name.compare("Host", Qt::CaseInsensitive) == 0) {
            authority = value;
            break;
        }
    }
    H2Fields fields;
    fields.reserve(headers.size() + 4);
    for (const char letter : pseudoOrder) {
        switch (letter) {
        case 'm':
            fields.append({QByteArrayLiteral(":method"), parts.at(0)});
            break;
        case 's':
            fields.append({QByteArrayLiteral(":scheme"), scheme});
            break;
        case 'a':
            fields.append({QByteArrayLiteral(":authority"), authority});
            break;
        case 'p':
            fields.append({QByteArrayLiteral(":path"), parts.at(1)});
            break;
        default:
            break;
        }
    }
    for (const auto &[name, value] : headers) {
        if (!noPlaceInHttp2(name, value))
            fields.append({name.toLower(), value});
    }
    return fields;
}

QByteArray h1HeadFor(const H2Head &head, bool bodyFollows)
{
    QByteArray out = "HTTP/1.1 " + head.statusText + " \r\n";
    const auto readable = [](const QByteArray &b) {
        return !b.contains('\r') && !b.contains('\n') && !b.contains('\0');
    };
    for (const auto &[name, value] : head.fields) {
        if (name.isEmpty() || name.startsWith(':') || name.contains(' ') || name.contains(':')
            || !readable(name) || !readable(value))
            continue;
        if (name.compare("content-length", Qt::CaseInsensitive) == 0
            || name.compare("transfer-encoding", Qt::CaseInsensitive) == 0
            || name.compare("connection", Qt::CaseInsensitive) == 0
            || name.compare("keep-alive", Qt::CaseInsensitive) == 0)
            continue;
        out += name + ": " + value + "\r\n";
    }
    if (bodyFollows)
        out += "Transfer-Encoding: chunked\r\n";
    return out + "\r\n";
}

}  // namespace Rwb::Detail
