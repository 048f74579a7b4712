// Debian's tinyproxy as a real HTTP proxy for the tests: one foreground process with a generated
// configuration on a free 127.0.0.1 port, logging into its own temporary directory.
#pragma once

#include "support/nginxprocess.h"  // freePort()
#include "support/waitforport.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

namespace Rwb::Test {

class TinyproxyProcess
{
public:
    ~TinyproxyProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();  // the process this test started, by its own handle
            m_process.waitForFinished(5000);
        }
    }

    quint16 port() const { return m_port; }
    QString log() const
    {
        QFile f(m_dir.filePath(QStringLiteral("tinyproxy.log")));
        return f.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(f.readAll()) : QString();
    }

    // Starts tinyproxy; `user` and `password` non-empty: it demands them (Basic). `extra`: more lines of
    // its configuration. False with the reason in `error`.
    bool start(const QByteArray &user, const QByteArray &password, QString *error,
               const QByteArray &extra = {})
    {
        m_port = NginxProcess::freePort();
        QFile conf(m_dir.filePath(QStringLiteral("tinyproxy.conf")));
        if (!m_dir.isValid() || !conf.open(QIODevice::WriteOnly)) {
            *error = QStringLiteral("cannot write tinyproxy's configuration");
            return false;
        }
        conf.write("Port " + QByteArray::number(m_port) + "\nListen 127.0.0.1\nTimeout 30\nMaxClients 20\n"
                   + "LogFile \"" + QFile::encodeName(m_dir.filePath(QStringLiteral("tinyproxy.log")))
                   + "\"\nLogLevel Info\nAllow 127.0.0.1\nDisableViaHeader Yes\n"
                   + (user.isEmpty() ? QByteArray() : "BasicAuth " + user + " " + password + "\n") + extra);
        conf.close();
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start(QStringLiteral("/usr/bin/tinyproxy"),
                        {QStringLiteral("-d"), QStringLiteral("-c"), conf.fileName()});
        if (!m_process.waitForStarted(5000)) {
            *error = QStringLiteral("cannot run /usr/bin/tinyproxy: install the Debian package tinyproxy");
            return false;
        }
        if (!waitForPort(m_port, m_process, 10000)) {
            *error = QStringLiteral("tinyproxy did not answer on port %1: %2 %3")
                         .arg(m_port)
                         .arg(QString::fromLocal8Bit(m_process.readAll()), log());
            return false;
        }
        return true;
    }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
};

}  // namespace Rwb::Test
