// A test CA and the certificates signed by it, made by the test with Debian's openssl command (package
// openssl) in a directory of its own, so nothing expires in the repository:
//   ca.crt/.key          the test CA ("RWB Test CA")
//   other-ca.crt/.key    a second CA that signed nothing the servers use
//   server.crt/.key      CN=localhost, names localhost and 127.0.0.1, a year long, signed by the CA
//   soon.crt/.key        the same, but ending in 10 days
//   client.crt/.key      CN=rwb-client, for client authentication, signed by the CA
//   client.pem           client.crt and client.key in one file (curl's --cert without --key)
//   client-enc.key       client.key encrypted with the password kPassword
//   client.p12           client.crt, its key and the CA as PKCS#12 under kPassword
// Keys are P-256: quick to make.
#pragma once

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace Rwb::Test {

class TestPki
{
public:
    static constexpr const char *kPassword = "s3cret pass";

    explicit TestPki(const QString &dir)
        : m_dir(dir)
    {
    }
    QString path(QByteArrayView name) const { return QDir(m_dir).filePath(QString::fromLatin1(name)); }

    // Makes every file; false with the command's output in `error` when one fails.
    bool make(QString *error)
    {
        QFile conf(path("openssl.cnf"));
        if (!conf.open(QIODevice::WriteOnly)) {
            *error = QStringLiteral("cannot write %1").arg(conf.fileName());
            return false;
        }
        conf.write("[req]\ndistinguished_name = dn\nprompt = no\n[dn]\nCN = unused\n"
                   "[ca]\nbasicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign,cRLSign\n"
                   "subjectKeyIdentifier = hash\n"
                   "[server]\nbasicConstraints = critical,CA:FALSE\nextendedKeyUsage = serverAuth\n"
                   "subjectAltName = DNS:localhost,IP:127.0.0.1\n"
                   "[client]\nbasicConstraints = critical,CA:FALSE\nextendedKeyUsage = clientAuth\n");
        conf.close();
        const QString pass = QStringLiteral("pass:") + QLatin1String(kPassword);
        return makeCa("ca", "RWB Test CA", error) && makeCa("other-ca", "RWB Other CA", error)
               && makeLeaf("server", "localhost", "server", 365, error)
               && makeLeaf("soon", "localhost", "server", 10, error)
               && makeLeaf("client", "rwb-client", "client", 365, error)
               && concat({"client.crt", "client.key"}, "client.pem", error)
               && run({QStringLiteral("pkey"), QStringLiteral("-in"), path("client.key"),
                       QStringLiteral("-aes256"), QStringLiteral("-passout"), pass, QStringLiteral("-out"),
                       path("client-enc.key")},
                      error)
               && run({QStringLiteral("pkcs12"), QStringLiteral("-export"), QStringLiteral("-in"),
                       path("client.crt"), QStringLiteral("-inkey"), path("client.key"),
                       QStringLiteral("-certfile"), path("ca.crt"), QStringLiteral("-passout"), pass,
                       QStringLiteral("-out"), path("client.p12")},
                      error);
    }

private:
    bool run(const QStringList &args, QString *error) const
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral("openssl"), args);
        if (!p.waitForStarted(10000)) {
            *error = QStringLiteral("cannot run openssl: install the Debian package openssl");
            return false;
        }
        p.waitForFinished(60000);
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            *error = QStringLiteral("openssl %1: %2")
                         .arg(args.join(QLatin1Char(' ')), QString::fromLocal8Bit(p.readAll()));
            return false;
        }
        return true;
    }

    QStringList newKey(const QString &keyFile) const
    {
        return {QStringLiteral("-newkey"),
                QStringLiteral("ec"),
                QStringLiteral("-pkeyopt"),
                QStringLiteral("ec_paramgen_curve:prime256v1"),
                QStringLiteral("-nodes"),
                QStringLiteral("-keyout"),
                keyFile};
    }

    bool makeCa(const char *name, const char *cn, QString *error) const
    {
        const QString base = QString::fromLatin1(name);
        return run(QStringList{QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-config"),
                               path("openssl.cnf"), QStringLiteral("-extensions"), QStringLiteral("ca")}
                       + newKey(path((base + QStringLiteral(".key")).toLatin1()))
                       + QStringList{QStringLiteral("-subj"), QStringLiteral("/CN=") + QLatin1String(cn),
                                     QStringLiteral("-days"), QStringLiteral("3650"), QStringLiteral("-out"),
                                     path((base + QStringLiteral(".crt")).toLatin1())},
                   error);
    }

    bool makeLeaf(const char *name, const char *cn, const char *extensions, int days, QString *error) const
    {
        const QByteArray base(name);
        const QString csr = path(QByteArray(base + ".csr"));
        const QString key = path(QByteArray(base + ".key"));
        const QString crt = path(QByteArray(base + ".crt"));
        return run(QStringList{QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-config"),
                               path("openssl.cnf")}
                       + newKey(key)
                       + QStringList{QStringLiteral("-subj"), QStringLiteral("/CN=") + QLatin1String(cn),
                                     QStringLiteral("-out"), csr},
                   error)
               && run(QStringList{QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), csr,
                                  QStringLiteral("-CA"), path("ca.crt"), QStringLiteral("-CAkey"),
                                  path("ca.key"), QStringLiteral("-set_serial"),
                                  QString::number(qHash(base) & 0x7fffffff), QStringLiteral("-days"),
                                  QString::number(days), QStringLiteral("-extfile"), path("openssl.cnf"),
                                  QStringLiteral("-extensions"), QLatin1String(extensions),
                                  QStringLiteral("-out"), crt},
                      error);
    }

    bool concat(const QList<const char *> &parts, const char *name, QString *error) const
    {
        QByteArray all;
        for (const char *part : parts) {
            QFile f(path(part));
            if (!f.open(QIODevice::ReadOnly)) {
                *error = QStringLiteral("cannot read %1").arg(f.fileName());
                return false;
            }
            all += f.readAll();
        }
        QFile out(path(name));
        if (!out.open(QIODevice::WriteOnly) || out.write(all) != all.size()) {
            *error = QStringLiteral("cannot write %1").arg(out.fileName());
            return false;
        }
        return true;
    }

    QString m_dir;
};

}  // namespace Rwb::Test
