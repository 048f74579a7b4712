// An in-process SOCKS5 proxy (RFC 1928 CONNECT, RFC 1929 user/password) for the proxy tests: it records
// what each client asked for (the target as given: a name or an address; the credentials) and pipes the
// bytes to the target. Runs on the caller's event loop.
#pragma once

#include <QHostAddress>
#include <QNetworkProxy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtEndian>

#include <memory>

namespace Rwb::Test {

class Socks5Server : public QObject
{
public:
    struct Request {
        QByteArray addressType;  // "name", "ipv4" or "ipv6", as the client sent the target
        QString host;
        quint16 port = 0;
        QString user;  // empty: no authentication
        QString password;
    };

    explicit Socks5Server(QObject *parent = nullptr)
        : QObject(parent)
    {
        m_server.setProxy(QNetworkProxy::NoProxy);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = m_server.nextPendingConnection())
                serve(client);
        });
    }

    ~Socks5Server() override
    {
        // The clients go first, without their handlers (which use m_targets).
        const QList<QTcpSocket *> clients = findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
        for (QTcpSocket *client : clients) {
            client->disconnect();
            for (QTcpSocket *t : client->findChildren<QTcpSocket *>())
                t->disconnect();
            delete client;
        }
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }
    // Clients must authenticate with this user and password (RFC 1929); empty: no authentication.
    void requireCredentials(const QString &user, const QString &password)
    {
        m_user = user;
        m_password = password;
    }
    // Answers every CONNECT with this SOCKS reply code instead of connecting (0: connect).
    void refuseWith(char code) { m_refusal = code; }
    QList<Request> requests() const { return m_requests; }

private:
    void serve(QTcpSocket *client)
    {
        client->setParent(this);
        // The connection's state lives as long as the handlers that hold it.
        struct State {
            QByteArray buffer;
            int stage = 0;  // 0 greeting, 1 auth, 2 request, 3 open
            Request request;
        };
        const auto state = std::make_shared<State>();
        QByteArray *buffer = &state->buffer;
        int *stage = &state->stage;
        Request *request = &state->request;
        connect(client, &QTcpSocket::disconnected, client, [client, this] {
            if (QTcpSocket *t = m_targets.take(client))
                t->disconnectFromHost();
            client->deleteLater();
        });
        connect(client, &QTcpSocket::readyRead, this, [=, state = state] {
            if (*stage == 3) {
                if (QTcpSocket *t = m_targets.value(client))
                    t->write(client->readAll());
                return;
            }
            *buffer += client->readAll();
            const auto at = [buffer](qsizetype i) {
                return quint8(buffer->at(i));
            };
            if (*stage == 0) {
                if (buffer->size() < 2 || buffer->size() < 2 + at(1))
                    return;
                const QByteArray methods = buffer->mid(2, at(1));
                buffer->remove(0, 2 + at(1));
                const char method = m_user.isEmpty() ? '\0' : '\x02';
                if (!methods.contains(method)) {
                    client->write(QByteArrayLiteral("\x05\xff"));
                    client->disconnectFromHost();
                    return;
                }
                client->write(QByteArray("\x05") + method);
                *stage = m_user.isEmpty() ? 2 : 1;
            }
            if (*stage == 1) {
                if (buffer->size() < 2 || buffer->size() < 3 + at(1)
                    || buffer->size() < 3 + at(1) + at(2 + at(1)))
                    return;
                request->user = QString::fromUtf8(buffer->mid(2, at(1)));
                request->password = QString::fromUtf8(buffer->mid(3 + at(1), at(2 + at(1))));
                buffer->remove(0, 3 + at(1) + at(2 + at(1)));
                const bool ok = request->user == m_user && request->password == m_password;
                client->write(ok ? QByteArrayLiteral("\x01\x00") : QByteArrayLiteral("\x01\x01"));
                if (!ok) {
                    m_requests.append(*request);
                    client->disconnectFromHost();
                    return;
                }
                *stage = 2;
            }
            if (buffer->size() < 5)
                return;
            const quint8 type = at(3);
            const qsizetype size = type == 1 ? 4 : type == 4 ? 16 : 1 + at(4);
            if (buffer->size() < 4 + size + 2)
                return;
            const auto *addr = reinterpret_cast<const uchar *>(buffer->constData() + 4);
            request->addressType = type == 1 ? "ipv4" : type == 4 ? "ipv6" : "name";
            request->host = type == 1   ? QHostAddress(qFromBigEndian<quint32>(addr)).toString()
                            : type == 4 ? QHostAddress(addr).toString()
                                        : QString::fromLatin1(buffer->mid(5, size - 1));
            request->port = qFromBigEndian<quint16>(addr + size);
            buffer->remove(0, 4 + size + 2);
            m_requests.append(*request);
            const QByteArray bound = QByteArrayLiteral("\x00\x01\x7f\x00\x00\x01\x00\x00");
            if (m_refusal != 0) {
                client->write(QByteArray("\x05") + m_refusal + bound);
                client->disconnectFromHost();
                return;
            }
            auto *t = new QTcpSocket(client);
            t->setProxy(QNetworkProxy::NoProxy);
            m_targets.insert(client, t);
            connect(t, &QTcpSocket::connected, client, [client, stage, buffer, t, bound, state] {
                client->write(QByteArray("\x05\x00", 2) + bound);
                *stage = 3;
                if (!buffer->isEmpty())
                    t->write(std::exchange(*buffer, QByteArray()));
            });
            connect(t, &QTcpSocket::readyRead, client, [client, t] { client->write(t->readAll()); });
            connect(t, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
            connect(t, &QTcpSocket::errorOccurred, client,
                    [client, stage, bound](QAbstractSocket::SocketError) {
                        if (*stage != 3) {
                            client->write(QByteArray("\x05\x05", 2) + bound);  // connection refused
                            client->disconnectFromHost();
                        }
                    });
            t->connectToHost(request->host, request->port);
        });
    }

    QTcpServer m_server;
    QString m_user;
    QString m_password;
    char m_refusal = 0;
    QList<Request> m_requests;
    QHash<QTcpSocket *, QTcpSocket *> m_targets;
};

}  // namespace Rwb::Test
