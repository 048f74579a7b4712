// TLS control (issue 15 item 4) against a real server: Debian's nginx with certificates of a test CA made
// by the test (support/testpki.h). --cacert decides which servers are trusted, --cert/--key (PEM, a PEM
// holding both, an encrypted key, PKCS#12) answer nginx's ssl_verify_client, each hop records the TLS
// version, cipher, ALPN, the chain with its dates and the certificate offered, a certificate ending within
// 30 days is a note, and a file that cannot be used sends nothing. Real curl, given the same files, gets
// the same answer from the same server.
#include "support/enginerunner.h"
#include "support/nginxprocess.h"
#include "support/testpki.h"

#include <QRegularExpression>
#include <QTemporaryDir>

using namespace Rwb;
using namespace Rwb::Test;

class tst_EngineTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void untrustedWithoutTheCa_data();
    void untrustedWithoutTheCa();
    void caFileTrustsTheServer_data();
    void caFileTrustsTheServer();
    void clientCertificate_data();
    void clientCertificate();
    void clientCertificateAsCurl_data();
    void clientCertificateAsCurl();
    void expiringCertificateNoted();
    void unusableFileSendsNothing_data();
    void unusableFileSendsNothing();

private:
    QUrl url(quint16 port, const char *path) const
    {
        return QUrl(QStringLiteral("https://localhost:%1%2").arg(port).arg(QLatin1String(path)));
    }
    Options trusting() const
    {
        Options o = profileOptions(Profile::Curl);
        o.tls.caCertificates = m_pki.path("ca.crt");
        return o;
    }
    static QByteArray body(const Trace &t)
    {
        return t.hops.isEmpty() || !t.hops.last().response ? QByteArray()
                                                           : t.hops.last().response->bodyPreview;
    }

    QTemporaryDir m_dir;
    TestPki m_pki{m_dir.path()};
    NginxProcess m_nginx;
    quint16 m_plain = 0;   // server.crt, signed by the test CA
    quint16 m_client = 0;  // the same, asking for a client certificate signed by the CA
    quint16 m_soon = 0;    // soon.crt: ends in 10 days
};

void tst_EngineTls::initTestCase()
{
    QString error;
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_pki.make(&error), qPrintable(error));
    m_plain = NginxProcess::freePort();
    m_client = NginxProcess::freePort();
    m_soon = NginxProcess::freePort();
    const auto file = [this](const char *name) -> QByteArray {
        return QFile::encodeName(m_pki.path(name));
    };
    // A server block listening with TLS on `port` with the certificate NAME.crt and its key NAME.key.
    const auto server = [&](quint16 port, const char *name, const QByteArray &more) -> QByteArray {
        const QByteArray base = file(name);
        return "  server {\n    listen 127.0.0.1:" + QByteArray::number(port) + " ssl;\n    ssl_certificate "
               + base + ".crt;\n    ssl_certificate_key " + base + ".key;\n" + more + "  }\n";
    };
    const QByteArray http =
        "  absolute_redirect off;\n  default_type text/plain;\n"
        + server(m_plain, "server",
                 "    location = /a { return 301 /echo; }\n"
                 "    location = /echo { return 200 \"$ssl_protocol\"; }\n")
        + server(m_client, "server",
                 "    ssl_client_certificate " + file("ca.crt")
                     + ";\n    ssl_verify_client on;\n"
                       "    location = /who { return 302 /echo; }\n"
                       "    location = /echo { return 200 \"$ssl_client_verify|$ssl_client_s_dn\"; }\n")
        + server(m_soon, "soon", "    location / { return 200 \"soon\"; }\n");
    QVERIFY2(m_nginx.start(http, {m_plain, m_client, m_soon}, &error), qPrintable(error));
}

void tst_EngineTls::untrustedWithoutTheCa_data()
{
    QTest::addColumn<QString>("caFile");
    QTest::newRow("system CAs") << QString();
    QTest::newRow("another CA") << m_pki.path("other-ca.crt");
}

// Neither the system's CAs nor a CA that signed something else trust the test CA's server: --cacert
// replaces the system's list, it does not add to it.
void tst_EngineTls::untrustedWithoutTheCa()
{
    QFETCH(QString, caFile);
    Options o = profileOptions(Profile::Curl);
    o.tls.caCertificates = caFile;
    Engine engine;
    QVERIFY(runToEnd(engine, request(url(m_plain, "/a")), o));
    const Trace &t = engine.trace();
    QCOMPARE(t.outcome.kind, OutcomeKind::TlsError);
    QCOMPARE(t.hops.size(), 1);
    QVERIFY(!t.hops.at(0).response);
    QVERIFY2(t.outcome.message.contains(QLatin1String("SSL handshake failed")),
             qPrintable(t.outcome.message));
    // What the server showed is recorded even though it was refused.
    QCOMPARE(t.hops.at(0).tls.peerSubject, QStringLiteral("localhost"));
    QCOMPARE(t.hops.at(0).tls.peerIssuer, QStringLiteral("RWB Test CA"));
}

void tst_EngineTls::caFileTrustsTheServer_data()
{
    QTest::addColumn<QString>("caFile");
    QTest::newRow("PEM") << m_pki.path("ca.crt");
    // The same CA written as DER, and a PEM bundle holding another CA first.
    QFile pem(m_pki.path("ca.crt"));
    QVERIFY(pem.open(QIODevice::ReadOnly));
    const QByteArray caPem = pem.readAll();
    QFile der(m_pki.path("ca.der"));
    QVERIFY(der.open(QIODevice::WriteOnly));
    der.write(QSslCertificate(caPem).toDer());
    der.close();
    QTest::newRow("DER") << der.fileName();
    QFile other(m_pki.path("other-ca.crt"));
    QVERIFY(other.open(QIODevice::ReadOnly));
    QFile bundle(m_pki.path("bundle.crt"));
    QVERIFY(bundle.open(QIODevice::WriteOnly));
    bundle.write(other.readAll() + caPem);
    bundle.close();
    QTest::newRow("bundle") << bundle.fileName();
}

void tst_EngineTls::caFileTrustsTheServer()
{
    QFETCH(QString, caFile);
    for (Profile profile : allProfiles()) {
        Options o = profileOptions(profile);
        o.tls.caCertificates = caFile;
        Engine engine;
        QVERIFY(runToEnd(engine, request(url(m_plain, "/a")), o));
        const Trace &t = engine.trace();
        QVERIFY2(t.outcome.kind == OutcomeKind::Final, qPrintable(t.outcome.message));
        QCOMPARE(t.hops.size(), 2);
        QCOMPARE(t.outcome.finalStatus, 200);
        const TlsInfo &first = t.hops.at(0).tls;
        QVERIFY(first.used);
        QVERIFY(first.errors.isEmpty());
        QCOMPARE(first.protocol, QString::fromLatin1(body(t)));  // nginx's $ssl_protocol: the same name
        QVERIFY(!first.cipher.isEmpty());
        QCOMPARE(first.alpn, QByteArray("http/1.1"));
        QCOMPARE(first.chain.size(), 1);  // nginx sends its own certificate only
        QCOMPARE(first.chain.at(0).subject, QStringLiteral("localhost"));
        QCOMPARE(first.chain.at(0).issuer, QStringLiteral("RWB Test CA"));
        const qint64 life = first.chain.at(0).notBefore.daysTo(first.chain.at(0).notAfter);
        QCOMPARE(life, 365);
        QVERIFY(first.clientCertificate.isEmpty());
        QVERIFY(!hasNote(t.hops.at(0).notes, NoteCode::CertificateExpiring));
        // The second hop came over the same connection, and says so.
        QVERIFY(!t.hops.at(0).connection.reused);
        QVERIFY(t.hops.at(1).connection.reused);
        QCOMPARE(t.hops.at(1).tls.chain, first.chain);
        // Where the time went: the first hop looked up the name, connected and made the TLS handshake; the
        // second used that connection. Each hop's phases add up to its time.
        const TimingPhases &made = t.hops.at(0).timing.phases;
        QVERIFY(made.dns >= 0 && made.connect >= 0 && made.tls > 0);
        const TimingPhases &reused = t.hops.at(1).timing.phases;
        QVERIFY(reused.known());
        QCOMPARE(reused.dns, -1.0);
        QCOMPARE(reused.connect, -1.0);
        QCOMPARE(reused.tls, -1.0);
        for (const Hop &hop : t.hops) {
            const double sum = hop.timing.phases.total();
            QVERIFY2(
                qAbs(sum - (hop.timing.endMs - hop.timing.startMs)) < 0.01,
                qPrintable(QStringLiteral("%1 vs %2").arg(sum).arg(hop.timing.endMs - hop.timing.startMs)));
        }
    }
}

void tst_EngineTls::clientCertificate_data()
{
    QTest::addColumn<QString>("cert");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("password");
    const QString pass = QLatin1String(TestPki::kPassword);
    QTest::newRow("PEM and key") << m_pki.path("client.crt") << QString() << m_pki.path("client.key")
                                 << QString();
    QTest::newRow("PEM holding both") << m_pki.path("client.pem") << QString() << QString() << QString();
    QTest::newRow("encrypted key") << m_pki.path("client.crt") << QStringLiteral("PEM")
                                   << m_pki.path("client-enc.key") << pass;
    QTest::newRow("PKCS#12 by content") << m_pki.path("client.p12") << QString() << QString() << pass;
    QTest::newRow("PKCS#12 named") << m_pki.path("client.p12") << QStringLiteral("p12") << QString() << pass;
}

// nginx asks for a certificate signed by the CA; each form of the files gives it the same one, over every
// hop of the chain.
void tst_EngineTls::clientCertificate()
{
    QFETCH(QString, cert);
    QFETCH(QString, type);
    QFETCH(QString, key);
    QFETCH(QString, password);
    Options o = trusting();
    o.tls.clientCertificate = cert;
    o.tls.certificateType = type;
    o.tls.clientKey = key;
    o.tls.password = password;
    Engine engine;
    QVERIFY(runToEnd(engine, request(url(m_client, "/who")), o));
    const Trace &t = engine.trace();
    QVERIFY2(t.outcome.kind == OutcomeKind::Final, qPrintable(t.outcome.message));
    QCOMPARE(t.hops.size(), 2);
    QCOMPARE(t.hops.at(0).response->status, 302);
    QCOMPARE(body(t), QByteArray("SUCCESS|CN=rwb-client"));
    for (const Hop &hop : t.hops)
        QCOMPARE(hop.tls.clientCertificate, QStringLiteral("rwb-client"));
}

void tst_EngineTls::clientCertificateAsCurl_data()
{
    QTest::addColumn<QStringList>("curlArgs");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    const QString pass = QLatin1String(TestPki::kPassword);
    QTest::newRow("no certificate") << QStringList() << 400 << QByteArray();
    QTest::newRow("PEM and key") << QStringList{QStringLiteral("--cert"), m_pki.path("client.crt"),
                                                QStringLiteral("--key"), m_pki.path("client.key")}
                                 << 200 << QByteArray("SUCCESS|CN=rwb-client");
    QTest::newRow("PKCS#12, password in --cert")
        << QStringList{QStringLiteral("--cert"), m_pki.path("client.p12") + QLatin1Char(':') + pass,
                       QStringLiteral("--cert-type"), QStringLiteral("P12")}
        << 200 << QByteArray("SUCCESS|CN=rwb-client");
    QTest::newRow("encrypted key, --pass")
        << QStringList{QStringLiteral("--cert"),     m_pki.path("client.crt"), QStringLiteral("--key"),
                       m_pki.path("client-enc.key"), QStringLiteral("--pass"), pass}
        << 200 << QByteArray("SUCCESS|CN=rwb-client");
}

// Real curl with the same files gets the same status and body from the same server as the engine given the
// options rwb's CLI makes of those flags (its parsing is tst_rwb_cli's).
void tst_EngineTls::clientCertificateAsCurl()
{
    QFETCH(QStringList, curlArgs);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    const QUrl target = url(m_client, "/echo");
    QProcess curl;
    curl.start(QStringLiteral("curl"),
               QStringList{QStringLiteral("-s"), QStringLiteral("-w"), QStringLiteral("\n%{http_code}"),
                           QStringLiteral("--cacert"), m_pki.path("ca.crt")}
                   + curlArgs + QStringList{target.toString()});
    QVERIFY2(curl.waitForStarted(5000), "cannot run curl: install the Debian package curl");
    QVERIFY(curl.waitForFinished(20000));
    const QByteArray out = curl.readAllStandardOutput();
    const qsizetype cut = out.lastIndexOf('\n');
    QCOMPARE(out.mid(cut + 1).toInt(), status);
    if (status == 200)
        QCOMPARE(out.left(cut), body);

    Options o = trusting();
    for (qsizetype i = 0; i + 1 < curlArgs.size(); i += 2) {
        const QString &flag = curlArgs.at(i);
        const QString &value = curlArgs.at(i + 1);
        if (flag == QLatin1String("--cert")) {
            const qsizetype colon = value.lastIndexOf(QLatin1Char(':'));
            o.tls.clientCertificate =
                value.endsWith(QLatin1String(".p12:") + QLatin1String(TestPki::kPassword)) ? value.left(colon)
                                                                                           : value;
            if (o.tls.clientCertificate != value)
                o.tls.password = value.mid(colon + 1);
        } else if (flag == QLatin1String("--key")) {
            o.tls.clientKey = value;
        } else if (flag == QLatin1String("--pass")) {
            o.tls.password = value;
        } else if (flag == QLatin1String("--cert-type")) {
            o.tls.certificateType = value;
        }
    }
    Engine engine;
    QVERIFY(runToEnd(engine, request(target), o));
    const Trace &t = engine.trace();
    QVERIFY2(t.outcome.kind == OutcomeKind::Final, qPrintable(t.outcome.message));
    QCOMPARE(t.outcome.finalStatus, status);
    if (status == 200)
        QCOMPARE(this->body(t), body);
}

void tst_EngineTls::expiringCertificateNoted()
{
    Options o = trusting();
    Engine engine;
    QVERIFY(runToEnd(engine, request(url(m_soon, "/x")), o));
    const Trace &t = engine.trace();
    QVERIFY2(t.outcome.kind == OutcomeKind::Final, qPrintable(t.outcome.message));
    const QString note = noteText(t.hops.at(0), NoteCode::CertificateExpiring);
    QVERIFY2(
        QRegularExpression(QStringLiteral("^The certificate of localhost expires on \\d{4}-\\d\\d-\\d\\d "
                                          "\\(in (9|10) days\\)$"))
            .match(note)
            .hasMatch(),
        qPrintable(note));
}

void tst_EngineTls::unusableFileSendsNothing_data()
{
    QTest::addColumn<QString>("ca");
    QTest::addColumn<QString>("cert");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("message");
    const QString pass = QLatin1String(TestPki::kPassword);
    const QString ca = m_pki.path("ca.crt");
    QTest::newRow("CA file missing") << m_pki.path("nothing.crt") << QString() << QString() << QString()
                                     << QStringLiteral("nothing.crt");
    QTest::newRow("CA file not a certificate") << m_pki.path("ca.key") << QString() << QString() << QString()
                                               << QStringLiteral("no certificate in it");
    QTest::newRow("PKCS#12 without password")
        << ca << m_pki.path("client.p12") << QString() << QString() << QStringLiteral("give it with --pass");
    QTest::newRow("PKCS#12 wrong password")
        << ca << m_pki.path("client.p12") << QString() << QStringLiteral("no")
        << QStringLiteral("the password is wrong");
    QTest::newRow("encrypted key without password")
        << ca << m_pki.path("client.crt") << m_pki.path("client-enc.key") << QString()
        << QStringLiteral("encrypted");
    QTest::newRow("encrypted key wrong password")
        << ca << m_pki.path("client.crt") << m_pki.path("client-enc.key") << QStringLiteral("no")
        << QStringLiteral("cannot be decrypted");
    QTest::newRow("certificate without key")
        << ca << m_pki.path("client.crt") << QString() << QString() << QStringLiteral("--key");
    QTest::newRow("key without certificate") << ca << QString() << m_pki.path("client.key") << QString()
                                             << QStringLiteral("without a certificate");
    Q_UNUSED(pass);
}

// The chain ends before anything is sent, with the file named; the server never hears of it.
void tst_EngineTls::unusableFileSendsNothing()
{
    QFETCH(QString, ca);
    QFETCH(QString, cert);
    QFETCH(QString, key);
    QFETCH(QString, password);
    QFETCH(QString, message);
    Options o = profileOptions(Profile::Curl);
    o.tls = {ca, cert, QString(), key, password};
    Engine engine;
    QVERIFY(runToEnd(engine, request(url(m_client, "/echo")), o));
    const Trace &t = engine.trace();
    QCOMPARE(t.outcome.kind, OutcomeKind::NetworkError);
    QVERIFY(t.hops.isEmpty());
    QVERIFY2(t.outcome.message.startsWith(QLatin1String("Not sent: ")), qPrintable(t.outcome.message));
    QVERIFY2(t.outcome.message.contains(message), qPrintable(t.outcome.message));
}

QTEST_GUILESS_MAIN(tst_EngineTls)
#include "tst_engine_tls.moc"
