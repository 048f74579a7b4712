#pragma once

#include "sandbox/scenarios.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

class QAbstractHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;
class QTcpSocket;

namespace Rwb {

// The redirect sandbox: a local HTTP server (Qt HttpServer) that answers by rules, to try redirects
// against. It listens on 127.0.0.1 only, three times:
//   origin  http://127.0.0.1:PORT         the main origin
//   other   http://localhost:PORT+1       another port, so another origin (cross-origin hops)
//   https   https://localhost:PORT+2      TLS with the built-in self-signed certificate (optional)
// (with port 0 each gets a free port of its own). The user's rules are tried first, then the rules of
// every built-in scenario; the first rule that matches answers (see sandboxrules.h). A path no rule takes
// may still be one a scenario computes (the site migration's: see migration.h); any other gets 404. Every
// listener serves the same rules. Delays run on timers: the server keeps answering other requests
// meanwhile.
class Sandbox final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Sandbox)

public:
    explicit Sandbox(QObject *parent = nullptr);
    ~Sandbox() override;

    // Whether start() also opens the https listener (default true). Without a TLS backend start() goes
    // on without it and tlsError() says why.
    void setTlsEnabled(bool enabled) { m_tlsEnabled = enabled; }
    bool tlsEnabled() const { return m_tlsEnabled; }

    // How long a connection may stay idle (no byte read or written, no response being held for it) before
    // it is closed; default 60 s. Takes effect at the next start(). A request head over 64 KiB gets 431,
    // a request over 16 MiB 413, and the connection is closed (requestServed() says so).
    void setIdleTimeout(int ms) { m_idleMs = ms; }
    int idleTimeout() const { return m_idleMs; }

    // Starts listening: the origin on `port` (0: any free port), the others on the next ports. False
    // when a listener cannot be opened; *error then says which and why, and nothing listens.
    bool start(quint16 port = 0, QString *error = nullptr);
    // Stops listening and closes every connection; responses still waiting on a delay are dropped.
    void stop();
    bool isRunning() const { return m_plain != nullptr; }

    // The user's rules, served before the built-in scenarios. Takes effect at once.
    void setRules(const QList<SandboxRule> &rules);
    const QList<SandboxRule> &rules() const { return m_userRules; }

    struct Ports {
        quint16 origin = 0;
        quint16 other = 0;
        quint16 tls = 0;  // 0: no TLS listener
    };
    Ports ports() const { return m_ports; }
    QUrl originUrl() const;  // http://127.0.0.1:PORT
    QUrl otherUrl() const;   // http://localhost:OTHERPORT
    QUrl httpsUrl() const;   // https://localhost:TLSPORT, empty without TLS
    SandboxUrls urls() const { return {originUrl(), otherUrl(), httpsUrl()}; }
    QString tlsError() const { return m_tlsError; }

signals:
    // A response went out: on which origin ("http://127.0.0.1:8080"), for which request method and
    // path with query (their control characters escaped: visibleText), with which status (404 when no rule
    // matched).
    void requestServed(const QString &origin, const QString &method, const QString &path, int status);

private:
    class Server;

    void handle(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void respond(QHttpServerResponder &responder, const QString &origin, const QString &method,
                 const QString &path, bool head, int status,
                 const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body);
    QString originOf(const QTcpSocket *socket) const;

    Server *m_plain = nullptr;  // origin and other
    Server *m_tls = nullptr;
    bool m_tlsEnabled = true;
    int m_idleMs = 60000;
    QString m_tlsError;
    Ports m_ports;
    QList<SandboxRule> m_userRules;
    QList<SandboxRule> m_allRules;  // user rules, then the built-in ones
};

}  // namespace Rwb
