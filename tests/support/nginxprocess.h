// Debian's nginx (nginx-light) as a test server: one foreground process (no master, no user switch) with
// a generated configuration, writing only under its own temporary directory, on free 127.0.0.1 ports.
#pragma once

#include "support/waitforport.h"

#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>

namespace Rwb::Test {

class NginxProcess
{
public:
    ~NginxProcess() { stop(); }

    // A free port for a `listen` line (taken and let go: free when nginx starts a moment later).
    static quint16 freePort()
    {
        QTcpServer finder;
        return finder.listen(QHostAddress::LocalHost, 0) ? finder.serverPort() : 0;
    }

    QString dir() const { return m_dir.path(); }

    // Starts nginx with `http` inside its http { } block (server blocks and settings), and waits until
    // each of `ports` answers. False with nginx's own words in `error`.
    bool start(const QByteArray &http, const QList<quint16> &ports, QString *error)
    {
        if (!m_dir.isValid()) {
            *error = QStringLiteral("no temporary directory");
            return false;
        }
        const QByteArray d = QFile::encodeName(m_dir.path());
        QFile conf(m_dir.filePath(QStringLiteral("nginx.conf")));
        if (!conf.open(QIODevice::WriteOnly)) {
            *error = QStringLiteral("cannot write %1").arg(conf.fileName());
            return false;
        }
        conf.write("daemon off;\nmaster_process off;\nworker_processes 1;\nerror_log " + d
                   + "/error.log;\npid " + d
                   + "/nginx.pid;\nevents { worker_connections 64; }\nhttp {\n  access_log off;\n"
                   + "  client_body_temp_path " + d + "/body; proxy_temp_path " + d + "/proxy;\n"
                   + "  fastcgi_temp_path " + d + "/fastcgi; uwsgi_temp_path " + d + "/uwsgi; scgi_temp_path "
                   + d + "/scgi;\n" + http + "}\n");
        conf.close();
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(QStringLiteral("/usr/sbin/nginx"),
                        {QStringLiteral("-p"), m_dir.path(), QStringLiteral("-c"), conf.fileName()});
        if (!m_process.waitForStarted(5000)) {
            *error = QStringLiteral("cannot run /usr/sbin/nginx: install the Debian package nginx-light "
                                    "(apt-get install nginx-light)");
            return false;
        }
        quint16 port = 0;
        for (quint16 p : ports) {
            port = p;
            if (!waitForPort(port, m_process, 10000))
                break;
            port = 0;
        }
        if (port == 0)
            return true;
        QFile log(m_dir.filePath(QStringLiteral("error.log")));
        log.open(QIODevice::ReadOnly);
        *error = QStringLiteral("nginx did not answer on port %1: %2 %3")
                     .arg(port)
                     .arg(QString::fromLocal8Bit(m_process.readAll()), QString::fromLocal8Bit(log.readAll()));
        return false;
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.kill();  // the process this test started, by its own handle
        m_process.waitForFinished(5000);
    }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
};

}  // namespace Rwb::Test
