// Header-only helper for tests (needs Qt6::Test): a raw HTTP/1.1 client over QSslSocket, plus a small
// response parser independent of ScriptedServer's own request parser.
#pragma once

#include "support/scriptedserver.h"

#include <QSslSocket>
#include <QTest>

#include <memory>

namespace Rwb::Test {

// One response parsed from raw bytes, independently of the server's own parser.
struct RawResponse {
    int status = 0;
    QByteArray statusLine;
    HeaderList headers;
    QByteArray body;
    qsizetype size = 0;  // bytes consumed from the stream

    QList<QByteArray> values(QByteArrayView name) const
    {
        QList<QByteArray> out;
        for (const auto &h : headers) {
            if (name.compare(h.first, Qt::CaseInsensitive) == 0)
                out.append(h.second);
        }
        return out;
    }
    QByteArray value(QByteArrayView name) const { return values(name).value(0); }
};

// Parses one response at the start of data; false while incomplete. headRequest: no body follows.
inline bool parseRawResponse(const QByteArray &data, RawResponse *r, bool headRequest)
{
    const qsizetype headEnd = data.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return false;
    const QList<QByteArray> lines = data.left(headEnd).split('\n');
    *r = RawResponse();
    r->statusLine = lines.first().trimmed();
    r->status = r->statusLine.mid(9, 3).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        r->headers.append({lines[i].left(colon), lines[i].mid(colon + 1).trimmed()});
    }
    qsizetype pos = headEnd + 4;
    if (!headRequest && r->value("Transfer-Encoding") == "chunked") {
        for (;;) {
            const qsizetype nl = data.indexOf("\r\n", pos);
            if (nl < 0)
                return false;
            const qsizetype size = data.mid(pos, nl - pos).toLongLong(nullptr, 16);
            if (data.size() < nl + 2 + size + 2)
                return false;
            r->body += data.mid(nl + 2, size);
            pos = nl + 2 + size + 2;
            if (size == 0)
                break;
        }
    } else if (!headRequest && r->status != 204 && r->status != 304) {
        const qsizetype length = r->value("Content-Length").toLongLong();
        if (data.size() < pos + length)
            return false;
        r->body = data.mid(pos, length);
        pos += length;
    }
    r->size = pos;
    return true;
}

// A raw client (plain or TLS) for a ScriptedServer, on the shared event loop: received bytes accumulate
// in `received`. Never blocks (no waitFor* calls): the server needs the same event loop.
struct RawHttpClient {
    QByteArray received;
    bool closed = false;
    QList<QAbstractSocket::SocketError> errors;
    std::unique_ptr<QSslSocket> socket = std::make_unique<QSslSocket>();  // last: destroyed first

    RawHttpClient()
    {
        QObject::connect(socket.get(), &QSslSocket::readyRead, socket.get(),
                         [this] { received += socket->readAll(); });
        QObject::connect(socket.get(), &QSslSocket::disconnected, socket.get(), [this] { closed = true; });
        QObject::connect(socket.get(), &QSslSocket::errorOccurred, socket.get(),
                         [this](QAbstractSocket::SocketError e) { errors.append(e); });
    }
    bool connectTo(const ScriptedServer &server, const QString &host = QStringLiteral("127.0.0.1"))
    {
        if (server.mode() == ScriptedServer::Mode::Tls)
            socket->connectToHostEncrypted(host, server.port());
        else
            socket->connectToHost(host, server.port());
        return QTest::qWaitFor([this, &server] {
            return server.mode() == ScriptedServer::Mode::Tls
                       ? socket->isEncrypted()
                       : socket->state() == QAbstractSocket::ConnectedState;
        });
    }
    void send(const QByteArray &bytes) { socket->write(bytes); }
    // Waits for a complete response and removes it from `received`.
    RawResponse take(bool headRequest = false, int timeoutMs = 10000)
    {
        RawResponse r;
        if (QTest::qWaitFor([&] { return parseRawResponse(received, &r, headRequest); }, timeoutMs))
            received.remove(0, r.size);
        return r;
    }
};

}  // namespace Rwb::Test
