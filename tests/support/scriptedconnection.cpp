#include "scriptedconnection_p.h"

#include <QPointer>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace Rwb::Test {

namespace {

constexpr qsizetype StreamChunkSize = 64 * 1024;
constexpr qint64 MaxQueuedBytes = 4 * StreamChunkSize;  // refill streamed bodies below this
constexpr qsizetype MaxHeadSize = 1024 * 1024;
constexpr qsizetype MaxChunkLineSize = 4096;
constexpr qint64 MaxChunkSize = qint64(1) << 40;

enum class ParseResult { Incomplete, Complete, Malformed };

// True when the comma-separated header values contain token (case-insensitive).
bool hasToken(const QList<QByteArray> &values, QByteArrayView token)
{
    for (const QByteArray &value : values) {
        for (const QByteArray &part : value.split(',')) {
            if (detail::sameName(part.trimmed(), token))
                return true;
        }
    }
    return false;
}

// Chunked body starting at from. Incomplete until the last chunk and the trailer section are there.
// body may be null to only find the end (cheap while a large body is still arriving).
ParseResult parseChunkedBody(const QByteArray &data, qsizetype from, QByteArray *body, qsizetype *end)
{
    qsizetype pos = from;
    for (;;) {
        const qsizetype nl = data.indexOf('\n', pos);
        if (nl < 0)
            return data.size() - pos > MaxChunkLineSize ? ParseResult::Malformed : ParseResult::Incomplete;
        QByteArrayView sizeLine = QByteArrayView(data).sliced(pos, nl - pos);
        if (const qsizetype semicolon = sizeLine.indexOf(';'); semicolon >= 0)
            sizeLine = sizeLine.first(semicolon);  // chunk extensions are ignored
        bool ok = false;
        const qint64 size = sizeLine.trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0 || size > MaxChunkSize)
            return ParseResult::Malformed;
        pos = nl + 1;
        if (size == 0)
            break;
        if (data.size() - pos < size + 1)
            return ParseResult::Incomplete;
        if (body)
            body->append(QByteArrayView(data).sliced(pos, size));
        pos += size;
        if (data.at(pos) == '\r') {
            if (data.size() - pos < 2)
                return ParseResult::Incomplete;
            ++pos;
        }
        if (data.at(pos) != '\n')
            return ParseResult::Malformed;
        ++pos;
    }
    for (;;) {  // trailer section, up to and including the empty line
        const qsizetype nl = data.indexOf('\n', pos);
        if (nl < 0)
            return data.size() - pos > MaxHeadSize ? ParseResult::Malformed : ParseResult::Incomplete;
        const bool empty = nl == pos || (nl == pos + 1 && data.at(pos) == '\r');
        pos = nl + 1;
        if (empty)
            break;
    }
    *end = pos;
    return ParseResult::Complete;
}

// One request at the start of data; on Complete, *consumed is its size in bytes.
ParseResult parseRequest(const QByteArray &data, ReceivedRequest *request, qsizetype *consumed)
{
    QList<QByteArrayView> lines;
    qsizetype pos = 0;
    for (;;) {
        const qsizetype nl = data.indexOf('\n', pos);
        if (nl < 0)
            return data.size() > MaxHeadSize ? ParseResult::Malformed : ParseResult::Incomplete;
        QByteArrayView line = QByteArrayView(data).sliced(pos, nl - pos);
        if (line.endsWith('\r'))
            line.chop(1);
        pos = nl + 1;
        if (line.isEmpty())
            break;
        lines.append(line);
    }
    if (lines.isEmpty())
        return ParseResult::Malformed;
    const QList<QByteArray> parts = lines.first().toByteArray().split(' ');
    if (parts.size() != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !parts[2].startsWith("HTTP/"))
        return ParseResult::Malformed;
    request->method = parts[0];
    request->target = parts[1];
    request->version = parts[2];
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView line = lines[i];
        if (line.startsWith(' ') || line.startsWith('\t')) {  // obsolete line folding
            if (request->headers.isEmpty())
                return ParseResult::Malformed;
            request->headers.last().second += ' ' + line.trimmed().toByteArray();
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return ParseResult::Malformed;
        request->headers.append(
            {line.first(colon).toByteArray(), line.sliced(colon + 1).trimmed().toByteArray()});
    }

    if (hasToken(request->headerValues("Transfer-Encoding"), "chunked")) {
        const ParseResult framing = parseChunkedBody(data, pos, nullptr, consumed);
        return framing == ParseResult::Complete ? parseChunkedBody(data, pos, &request->body, consumed)
                                                : framing;
    }
    qint64 length = 0;
    if (request->hasHeader("Content-Length")) {
        bool ok = false;
        length = request->header("Content-Length").toLongLong(&ok);
        if (!ok || length < 0)
            return ParseResult::Malformed;
    }
    if (data.size() - pos < length)
        return ParseResult::Incomplete;
    request->body = data.mid(pos, length);
    *consumed = pos + length;
    return ParseResult::Complete;
}

bool statusAllowsBody(int status)
{
    return status >= 200 && status != 204 && status != 304;
}

QByteArray chunk(const QByteArray &data)
{
    return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
}

}  // namespace

ScriptedServer::Connection::Connection(ScriptedServer *server, QTcpSocket *socket, int id)
    : QObject(server)
    , m_server(server)
    , m_socket(socket)
    , m_id(id)
{
    socket->setParent(this);
    connect(socket, &QTcpSocket::readyRead, this, &Connection::readRequests);
    connect(socket, &QTcpSocket::bytesWritten, this, &Connection::pumpStream);
    if (auto *ssl = qobject_cast<QSslSocket *>(socket))
        connect(ssl, &QSslSocket::encryptedBytesWritten, this, &Connection::pumpStream);
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        m_closing = true;
        m_server->removeConnection(this);
    });
}

void ScriptedServer::Connection::shutdown()
{
    m_closing = true;
    disconnect(m_socket, nullptr, this, nullptr);
    m_socket->abort();
}

void ScriptedServer::Connection::readRequests()
{
    const QByteArray incoming = m_socket->readAll();
    if (m_stopReading || m_closing)
        return;
    m_buffer += incoming;
    if (m_parsing)
        return;  // the outer call continues with the bytes just appended
    m_parsing = true;
    const QPointer<Connection> self(this);
    while (!m_stopReading) {
        qsizetype skip = 0;  // stray CRLFs between requests are ignored (RFC 9112, 2.2)
        while (skip < m_buffer.size() && (m_buffer.at(skip) == '\r' || m_buffer.at(skip) == '\n'))
            ++skip;
        m_buffer.remove(0, skip);
        ReceivedRequest request;
        qsizetype consumed = 0;
        const ParseResult result = parseRequest(m_buffer, &request, &consumed);
        if (result == ParseResult::Incomplete)
            break;
        if (result == ParseResult::Malformed) {
            Reply bad;
            bad.status = 400;
            bad.close = true;
            m_queue.append({bad, false, true});
            m_stopReading = true;
            break;
        }
        request.raw = m_buffer.left(consumed);
        request.connectionId = m_id;
        m_buffer.remove(0, consumed);
        Pending pending;
        pending.isHead = request.method == "HEAD";
        const QList<QByteArray> connectionTokens = request.headerValues("Connection");
        pending.clientWantsClose = request.version == "HTTP/1.0" ? !hasToken(connectionTokens, "keep-alive")
                                                                 : hasToken(connectionTokens, "close");
        pending.reply = m_server->handle(request);
        if (!self || m_closing)
            return;  // the handler or a requestReceived slot closed the server
        m_queue.append(pending);
        m_stopReading = pending.clientWantsClose;
    }
    m_parsing = false;
    dispatchNext();
}

void ScriptedServer::Connection::dispatchNext()
{
    while (!m_busy && !m_closing && !m_queue.isEmpty()) {
        const Pending pending = m_queue.takeFirst();
        if (pending.reply.silent) {
            m_busy = true;
            return;
        }
        if (pending.reply.delayMs > 0) {
            m_busy = true;
            QTimer::singleShot(pending.reply.delayMs, Qt::PreciseTimer, this, [this, pending] {
                m_busy = false;
                respond(pending);
                dispatchNext();
            });
            return;
        }
        respond(pending);
    }
}

void ScriptedServer::Connection::respond(const Pending &pending)
{
    if (m_closing)
        return;
    const Reply &reply = pending.reply;
    if (reply.reset) {
        resetConnection();
        return;
    }
    const bool closeAfter = reply.close || pending.clientWantsClose;
    if (!reply.raw.isEmpty()) {
        m_socket->write(reply.raw);
        if (closeAfter)
            closeGracefully();
        return;
    }

    const bool bodyAllowed = statusAllowsBody(reply.status);
    QByteArray out = "HTTP/1.1 " + QByteArray::number(reply.status) + ' '
                     + (reply.reason.isEmpty() ? reasonPhrase(reply.status) : reply.reason) + "\r\n";
    for (const auto &h : reply.headers)
        out += h.first + ": " + h.second + "\r\n";
    if (bodyAllowed && reply.chunked && !detail::hasHeader(reply.headers, "Transfer-Encoding"))
        out += "Transfer-Encoding: chunked\r\n";
    else if (bodyAllowed && !reply.chunked && !detail::hasHeader(reply.headers, "Content-Length"))
        out += "Content-Length: " + QByteArray::number(reply.body.size() + reply.bodyRepeat) + "\r\n";
    if (closeAfter && !detail::hasHeader(reply.headers, "Connection"))
        out += "Connection: close\r\n";
    out += "\r\n";

    const bool sendBody = bodyAllowed && !pending.isHead;
    if (sendBody && !reply.body.isEmpty())
        out += reply.chunked ? chunk(reply.body) : reply.body;
    m_socket->write(out);
    if (sendBody && reply.bodyRepeat > 0) {
        m_busy = true;
        m_streamLeft = reply.bodyRepeat;
        m_streamByte = reply.bodyByte;
        m_streamChunked = reply.chunked;
        m_streamCloseAfter = closeAfter;
        pumpStream();
        return;
    }
    if (sendBody && reply.chunked)
        m_socket->write("0\r\n\r\n");
    if (closeAfter)
        closeGracefully();
}

void ScriptedServer::Connection::pumpStream()
{
    if (m_streamLeft <= 0 || m_closing || m_pumping)
        return;
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        m_streamLeft = 0;
        return;
    }
    m_pumping = true;
    while (m_streamLeft > 0 && queuedBytes() < MaxQueuedBytes) {
        const QByteArray piece(qMin<qint64>(m_streamLeft, StreamChunkSize), m_streamByte);
        m_socket->write(m_streamChunked ? chunk(piece) : piece);
        m_streamLeft -= piece.size();
    }
    m_pumping = false;
    if (m_streamLeft > 0)
        return;  // continued from bytesWritten / encryptedBytesWritten
    if (m_streamChunked)
        m_socket->write("0\r\n\r\n");
    m_busy = false;
    if (m_streamCloseAfter)
        closeGracefully();
    else
        dispatchNext();
}

qint64 ScriptedServer::Connection::queuedBytes() const
{
    qint64 queued = m_socket->bytesToWrite();
    if (const auto *ssl = qobject_cast<const QSslSocket *>(m_socket))
        queued += ssl->encryptedBytesToWrite();
    return queued;
}

void ScriptedServer::Connection::closeGracefully()
{
    m_closing = true;
    m_queue.clear();
    m_socket->disconnectFromHost();  // flushes what is queued first; disconnected() follows
}

void ScriptedServer::Connection::resetConnection()
{
    m_closing = true;
    m_queue.clear();
#ifdef Q_OS_UNIX
    // Zero linger turns close() into a TCP RST instead of a FIN.
    if (const qintptr fd = m_socket->socketDescriptor(); fd >= 0) {
        const linger noLinger{1, 0};
        ::setsockopt(static_cast<int>(fd), SOL_SOCKET, SO_LINGER, &noLinger, sizeof noLinger);
    }
#endif
    m_socket->abort();
}

}  // namespace Rwb::Test
