// curl's --connect-to and --resolve as the engine reads them (core/http/addressmap): parsing, errors that
// name the rule, and where a request connects.
#include "core/http/addressmap.h"

#include <QTest>

using namespace Rwb;

namespace {

QStringList strings(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *item : items)
        out.append(QString::fromUtf8(item));
    return out;
}

}  // namespace

class tst_AddressMap : public QObject
{
    Q_OBJECT

private slots:
    void connectToParsed_data();
    void connectToParsed();
    void resolveParsed_data();
    void resolveParsed();
    void badRulesNamed_data();
    void badRulesNamed();
    void targets_data();
    void targets();
};

void tst_AddressMap::connectToParsed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("toHost");
    QTest::addColumn<int>("toPort");
    QTest::newRow("all four") << "Example.COM:443:origin.test:8443"
                              << "example.com" << 443 << "origin.test" << 8443;
    QTest::newRow("any host, any port") << "::127.0.0.1:" << QString() << -1 << "127.0.0.1" << -1;
    QTest::newRow("ipv6 target") << "a.test:80:[::1]:8080"
                                 << "a.test" << 80 << "::1" << 8080;
    QTest::newRow("ipv6 request host") << "[0:0::1]:443::"
                                       << "::1" << 443 << QString() << -1;
    QTest::newRow("idn") << "bücher.test:443:b.test:443"
                         << "xn--bcher-kva.test" << 443 << "b.test" << 443;
}

void tst_AddressMap::connectToParsed()
{
    QFETCH(QString, text);
    QString error;
    const std::optional<ConnectToRule> rule = parseConnectTo(text, &error);
    QVERIFY2(rule, qPrintable(error));
    QTEST(rule->host, "host");
    QTEST(rule->port, "port");
    QTEST(rule->toHost, "toHost");
    QTEST(rule->toPort, "toPort");
}

void tst_AddressMap::resolveParsed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QStringList>("addresses");
    QTest::newRow("one") << "Example.com:443:127.0.0.1"
                         << "example.com" << 443 << strings({"127.0.0.1"});
    QTest::newRow("several, ipv6") << "a.test:80:[::1],127.0.0.2"
                                   << "a.test" << 80 << strings({"::1", "127.0.0.2"});
    QTest::newRow("wildcard") << "*:8443:10.0.0.1"
                              << "*" << 8443 << strings({"10.0.0.1"});
    QTest::newRow("plus") << "+a.test:80:10.0.0.1"
                          << "a.test" << 80 << strings({"10.0.0.1"});
}

void tst_AddressMap::resolveParsed()
{
    QFETCH(QString, text);
    QString error;
    const std::optional<ResolveRule> rule = parseResolve(text, &error);
    QVERIFY2(rule, qPrintable(error));
    QTEST(rule->host, "host");
    QTEST(rule->port, "port");
    QTEST(rule->addresses, "addresses");
}

void tst_AddressMap::badRulesNamed_data()
{
    QTest::addColumn<bool>("resolve");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");  // the whole message up to its format hint
    QTest::newRow("connect-to: 3 parts") << false << "a:1:b"
                                         << "--connect-to 'a:1:b': 3 parts where 4 are needed";
    QTest::newRow("connect-to: port") << false << "a:x:b:1"
                                      << "--connect-to 'a:x:b:1': 'x' is not a port";
    QTest::newRow("connect-to: port 0") << false << "a:0:b:1"
                                        << "--connect-to 'a:0:b:1': '0' is not a port";
    QTest::newRow("connect-to: bracket") << false << "a:1:[::1:2"
                                         << "--connect-to 'a:1:[::1:2': an IPv6";
    QTest::newRow("connect-to: host") << false << "a b:1:c:2"
                                      << "--connect-to 'a b:1:c:2': 'a b' is not a host name";
    QTest::newRow("resolve: 2 parts") << true << "a:80"
                                      << "--resolve 'a:80': it needs three parts";
    QTest::newRow("resolve: address") << true << "a:80:not-an-ip"
                                      << "--resolve 'a:80:not-an-ip': 'not-an-ip' is not an IP address";
    QTest::newRow("resolve: port") << true << "a:99999:127.0.0.1"
                                   << "--resolve 'a:99999:127.0.0.1': '99999'";
    QTest::newRow("resolve: remove") << true << "-a:80"
                                     << "--resolve '-a:80': removing an entry";
    QTest::newRow("resolve: empty address") << true << "a:80:"
                                            << "--resolve 'a:80:': '' is not an IP address";
}

void tst_AddressMap::badRulesNamed()
{
    QFETCH(bool, resolve);
    QFETCH(QString, text);
    QFETCH(QString, message);
    QString error;
    const bool parsed = resolve ? bool(parseResolve(text, &error)) : bool(parseConnectTo(text, &error));
    QVERIFY(!parsed);
    QVERIFY2(error.startsWith(message), qPrintable(error));
    const std::optional<AddressMap> map = parseAddressMap(
        resolve ? QStringList() : QStringList(text), resolve ? QStringList(text) : QStringList(), &error);
    QVERIFY(!map);
    QVERIFY2(error.startsWith(message), qPrintable(error));
}

void tst_AddressMap::targets_data()
{
    QTest::addColumn<QStringList>("connectTo");
    QTest::addColumn<QStringList>("resolve");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("toHost");
    QTest::addColumn<int>("toPort");
    QTest::addColumn<QStringList>("addresses");
    QTest::addColumn<int>("rules");  // how many applied
    const QStringList none;
    QTest::newRow("nothing") << none << none << "a.test" << 443 << "a.test" << 443 << none << 0;
    QTest::newRow("resolve matches host and port") << none << strings({"a.test:443:127.0.0.1"}) << "a.test"
                                                   << 443 << "a.test" << 443 << strings({"127.0.0.1"}) << 1;
    QTest::newRow("resolve: other port")
        << none << strings({"a.test:443:127.0.0.1"}) << "a.test" << 80 << "a.test" << 80 << none << 0;
    QTest::newRow("resolve: first match wins")
        << none << strings({"b.test:443:10.0.0.1", "*:443:10.0.0.2", "a.test:443:10.0.0.3"}) << "a.test"
        << 443 << "a.test" << 443 << strings({"10.0.0.2"}) << 1;
    QTest::newRow("resolve never applies to an address")
        << none << strings({"*:443:10.0.0.2"}) << "127.0.0.1" << 443 << "127.0.0.1" << 443 << none << 0;
    QTest::newRow("connect-to, then resolve the target")
        << strings({"a.test:443:origin.test:8443"}) << strings({"origin.test:8443:127.0.0.1"}) << "a.test"
        << 443 << "origin.test" << 8443 << strings({"127.0.0.1"}) << 2;
    QTest::newRow("connect-to: empty target parts keep the request's")
        << strings({"::127.0.0.1:"}) << none << "a.test" << 443 << "127.0.0.1" << 443 << none << 1;
    QTest::newRow("connect-to: port only")
        << strings({"a.test:::9000"}) << none << "a.test" << 80 << "a.test" << 9000 << none << 1;
    QTest::newRow("connect-to: first match only")
        << strings({"b.test::c.test:", "a.test:80:d.test:", "a.test::e.test:"}) << none << "a.test" << 80
        << "d.test" << 80 << none << 1;
}

void tst_AddressMap::targets()
{
    QFETCH(QStringList, connectTo);
    QFETCH(QStringList, resolve);
    QFETCH(QString, host);
    QFETCH(int, port);
    QString error;
    const std::optional<AddressMap> map = parseAddressMap(connectTo, resolve, &error);
    QVERIFY2(map, qPrintable(error));
    const ConnectTarget t = connectTarget(*map, host, quint16(port));
    QTEST(t.host, "toHost");
    QTEST(int(t.port), "toPort");
    QTEST(t.addresses, "addresses");
    QTEST(int(t.rules.size()), "rules");
}

QTEST_GUILESS_MAIN(tst_AddressMap)
#include "tst_addressmap.moc"
