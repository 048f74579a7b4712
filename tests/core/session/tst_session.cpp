// The session file (*.rwbsession) is a product interface: a lossless round trip, a fixed key order,
// clear errors on every kind of bad input, saves that never leave a half file, and how cases resolve.
#include "core/check/casecheck.h"
#include "core/formats/tracejson.h"
#include "core/session/session.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace Rwb;

Q_DECLARE_METATYPE(Rwb::CaseHeader)

namespace {

Trace sampleTrace()
{
    Trace t;
    t.profile = QStringLiteral("browser");
    t.startedAt = QDateTime(QDate(2026, 3, 4), QTime(5, 6, 7, 890), Qt::UTC);
    Hop h0;
    h0.index = 0;
    h0.request.method = "POST";
    h0.request.url = QUrl(QStringLiteral("http://127.0.0.1:8080/old"));
    h0.request.headers = {{"Host", "127.0.0.1:8080"}, {"Authorization", "Basic dTpw"}};
    h0.request.body = "a=1";
    WireResponse r0;
    r0.status = 302;
    r0.reason = "Found";
    r0.httpVersion = "1.1";
    r0.headers = {{"Location", "https://127.0.0.1:8443/new"}, {"Set-Cookie", "session=1"}};
    r0.location = QUrl(QStringLiteral("https://127.0.0.1:8443/new"));
    h0.response = r0;
    h0.timing = {0, 1.5, 2, {}};
    h0.notes = {{QStringLiteral("method-changed"), QStringLiteral("POST became GET")}};
    Hop h1;
    h1.index = 1;
    h1.request.method = "GET";
    h1.request.url = QUrl(QStringLiteral("https://127.0.0.1:8443/new"));
    WireResponse r1;
    r1.status = 200;
    r1.reason = "OK";
    r1.httpVersion = "2";
    r1.bodySize = 4;
    r1.bodyPreview = QByteArray("\x00\xff\x01\x02", 4);
    h1.response = r1;
    h1.tls.used = true;
    h1.tls.protocol = QStringLiteral("TLSv1.3");
    h1.tls.errors = {QStringLiteral("self-signed")};
    h1.timing = {2.5, 3.25, 4, {}};
    t.hops = {h0, h1};
    t.outcome.kind = OutcomeKind::Final;
    t.outcome.message = QStringLiteral("200 OK");
    t.outcome.finalUrl = h1.request.url;
    t.outcome.finalStatus = 200;
    return t;
}

SessionItem caseItem(const SessionCase &c)
{
    SessionItem item;
    item.type = SessionItem::Type::Case;
    item.name = c.name;
    item.testCase = c;
    return item;
}

SessionItem folderItem(const QString &name, const QList<SessionItem> &children)
{
    SessionItem item;
    item.type = SessionItem::Type::Folder;
    item.name = name;
    item.children = children;
    return item;
}

Expectation expectation(ExpectationKind kind, int number = 0, const QString &text = QString(),
                        const QList<int> &statuses = {})
{
    Expectation e;
    e.kind = kind;
    e.number = number;
    e.text = text;
    e.statuses = statuses;
    return e;
}

// items[0]                   folder "Legacy URLs"
// items[0].items[0]          case with every field set, lastTrace included
// items[0].items[1]          folder "Deep"
// items[0].items[1].items[0] case with a binary body and Bearer auth
// items[1]                   case with every field at its default
Session sampleSession()
{
    Session s;
    s.name = QStringLiteral("Shop redirects");
    s.variables = {{QStringLiteral("base"), QStringLiteral("http://127.0.0.1:8080")},
                   {QStringLiteral("a \"quoted\" name"), QStringLiteral("q")},
                   {QStringLiteral("empty"), QString()},
                   {QStringLiteral("caf\u00e9"), QStringLiteral("cr\u00e8me")}};
    s.environments = {
        {QStringLiteral("staging"), {{QStringLiteral("base"), QStringLiteral("https://staging.test")}}},
        {QStringLiteral("bare"), {}}};

    SessionCase full;
    full.name = QStringLiteral("old page reaches new page");
    full.request.method = QStringLiteral("POST");
    full.request.url = QStringLiteral("{{base}}/old");
    full.request.headers = {{QStringLiteral("Accept"), QStringLiteral("text/html"), false},
                            {QStringLiteral("X-Token"), QStringLiteral("{{ empty }}"), true}};
    full.request.body = "a=1&b=\xC3\xA9";
    full.request.formBody = true;
    full.request.customMethod = true;
    full.request.auth.kind = CaseAuth::Kind::Basic;
    full.request.auth.user = QStringLiteral("u");
    full.request.auth.password = QStringLiteral("p");
    full.options.profile = Profile::Curl;
    full.options.maxRedirects = 0;
    full.options.keepPostOn30x = true;
    full.options.locationTrusted = true;
    full.options.trustedHosts = {QStringLiteral("a.test"), QStringLiteral("b.test")};
    full.options.cookieJar = false;
    full.options.acceptTlsErrors = true;
    full.options.loopDetect = false;
    full.options.timeoutMs = 1500;
    full.options.hstsPreload = {QStringLiteral("hsts.test")};
    full.options.bodyPreviewCap = 5'000'000'000LL;
    full.expectations = {expectation(ExpectationKind::StatusSequence, 0, {}, {302, 200}),
                         expectation(ExpectationKind::FinalUrl, 0, QStringLiteral("https://*/new")),
                         expectation(ExpectationKind::NoCrossOriginAuthorization),
                         expectation(ExpectationKind::HopCount, 2)};
    full.expectations[1].match = Expectation::Match::Pattern;
    full.expectations[3].match = Expectation::Match::AtMost;
    full.lastTrace = sampleTrace();

    SessionCase binary;
    binary.name = QStringLiteral("binary body");
    binary.request.method = QStringLiteral("PUT");
    binary.request.url = QStringLiteral("http://127.0.0.1:8080/upload");
    binary.request.body = QByteArray("\x00\xff\xfe{{x}}", 8);
    binary.request.auth.kind = CaseAuth::Kind::Bearer;
    binary.request.auth.token = QStringLiteral("tok");
    binary.options.profile = Profile::Strict;
    binary.options.cookieJar = true;

    binary.options.context.from = QUrl(QStringLiteral("https://other.test/page"));
    binary.options.context.mode = RequestMode::Fetch;
    binary.options.context.credentials = CredentialsMode::Omit;
    binary.options.context.referrerPolicy = ReferrerPolicy::Origin;
    binary.options.presetCookies = {
        {QUrl(QStringLiteral("https://a.test/")), "sid=1; SameSite=Strict; Secure"}};
    binary.options.userAgent = QStringLiteral("firefox");
    binary.options.acceptLanguage = "de";
    binary.options.refreshLimitMs = 0;
    binary.options.waitForRefresh = true;
    binary.options.connectTo = {QStringLiteral("a.test:443:[::1]:8443")};
    binary.options.resolve = {QStringLiteral("a.test:443:127.0.0.1"), QStringLiteral("*:80:10.0.0.1")};
    binary.options.tls = {QStringLiteral("certs/ca.pem"), QStringLiteral("/etc/rwb/client.p12"),
                          QStringLiteral("P12"), QString(), QStringLiteral("{{certPassword}}")};

    SessionCase plain;
    plain.name = QStringLiteral("plain");
    plain.request.url = QStringLiteral("http://127.0.0.1:8080/");

    s.items = {folderItem(QStringLiteral("Legacy URLs"),
                          {caseItem(full), folderItem(QStringLiteral("Deep"), {caseItem(binary)})}),
               caseItem(plain)};

    // Redirect sandbox rules: every field set, then a binary body, then only what is required.
    SandboxRule rule;
    rule.path = QStringLiteral("/old/*");
    rule.method = QStringLiteral("POST");
    rule.requireCookie = QStringLiteral("session");
    rule.status = 308;
    rule.location = QStringLiteral("{{origin}}/new{{query}}");
    rule.headers = {{QStringLiteral("Set-Cookie"), QStringLiteral("a=1")},
                    {QStringLiteral("Set-Cookie"), QStringLiteral("b=\"2\"")}};
    rule.body = "moved \xE2\x86\x92 /new";
    rule.contentType = QStringLiteral("text/plain");
    rule.delayMs = 250;
    rule.description = QStringLiteral("Old pages, kept POST");
    SandboxRule binaryRule;
    binaryRule.path = QStringLiteral("/bin");
    binaryRule.body = QByteArray("\x00\xff", 2);
    SandboxRule bare;
    bare.path = QStringLiteral("/gone");
    bare.status = 410;
    s.sandboxRules = {rule, binaryRule, bare};
    return s;
}

Variables sortedByName(Variables v)
{
    std::sort(v.begin(), v.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    return v;
}

void compareOptions(const Options &a, const Options &b)
{
    QCOMPARE(a.profile, b.profile);
    QCOMPARE(a.maxRedirects, b.maxRedirects);
    QCOMPARE(a.keepPostOn30x, b.keepPostOn30x);
    QCOMPARE(a.locationTrusted, b.locationTrusted);
    QCOMPARE(a.trustedHosts, b.trustedHosts);
    QCOMPARE(a.cookieJar, b.cookieJar);
    QCOMPARE(a.acceptTlsErrors, b.acceptTlsErrors);
    QCOMPARE(a.loopDetect, b.loopDetect);
    QCOMPARE(a.timeoutMs, b.timeoutMs);
    QCOMPARE(a.hstsPreload, b.hstsPreload);
    QCOMPARE(a.bodyPreviewCap, b.bodyPreviewCap);
    QVERIFY(a.context == b.context);
    QCOMPARE(a.presetCookies, b.presetCookies);
    QCOMPARE(a.userAgent, b.userAgent);
    QCOMPARE(a.acceptLanguage, b.acceptLanguage);
    QCOMPARE(a.refreshLimitMs, b.refreshLimitMs);
    QCOMPARE(a.waitForRefresh, b.waitForRefresh);
    QCOMPARE(a.connectTo, b.connectTo);
    QCOMPARE(a.resolve, b.resolve);
    QVERIFY(a.tls == b.tls);
    QVERIFY(a == b);
}

void compareItems(const QList<SessionItem> &read, const QList<SessionItem> &written)
{
    QCOMPARE(read.size(), written.size());
    for (qsizetype i = 0; i < read.size(); ++i) {
        const SessionItem &a = read.at(i);
        const SessionItem &b = written.at(i);
        QCOMPARE(a.type, b.type);
        if (a.type == SessionItem::Type::Folder) {
            QCOMPARE(a.name, b.name);
            compareItems(a.children, b.children);
            if (QTest::currentTestFailed())
                return;
            continue;
        }
        QCOMPARE(a.testCase.name, b.testCase.name);
        QCOMPARE(a.testCase.request, b.testCase.request);
        compareOptions(a.testCase.options, b.testCase.options);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(a.testCase.expectations, b.testCase.expectations);
        QCOMPARE(bool(a.testCase.lastTrace), bool(b.testCase.lastTrace));
        if (a.testCase.lastTrace)
            QCOMPARE(traceToJsonBytes(*a.testCase.lastTrace), traceToJsonBytes(*b.testCase.lastTrace));
        QCOMPARE(a.testCase.history.size(), b.testCase.history.size());
        for (qsizetype r = 0; r < a.testCase.history.size(); ++r) {
            QCOMPARE(a.testCase.history.at(r).verdict, b.testCase.history.at(r).verdict);
            QCOMPARE(a.testCase.history.at(r).failures, b.testCase.history.at(r).failures);
            QCOMPARE(traceToJsonBytes(a.testCase.history.at(r).trace),
                     traceToJsonBytes(b.testCase.history.at(r).trace));
        }
    }
}

// `read` came from the file `written` was saved to: the same, with variables in name order.
void compareSessions(const Session &read, const Session &written)
{
    QCOMPARE(read.name, written.name);
    QCOMPARE(read.variables, sortedByName(written.variables));
    QCOMPARE(read.environments.size(), written.environments.size());
    for (qsizetype i = 0; i < read.environments.size(); ++i) {
        QCOMPARE(read.environments.at(i).name, written.environments.at(i).name);
        QCOMPARE(read.environments.at(i).variables, sortedByName(written.environments.at(i).variables));
    }
    compareItems(read.items, written.items);
    QCOMPARE(read.sandboxRules.size(), written.sandboxRules.size());
    for (qsizetype i = 0; i < read.sandboxRules.size(); ++i)
        QVERIFY2(read.sandboxRules.at(i) == written.sandboxRules.at(i),
                 qPrintable(written.sandboxRules.at(i).path));
}

// The value at a dotted path ("items[0].items[0].request.url") replaced by `value`.
QJsonValue replaced(const QJsonValue &node, const QStringList &steps, qsizetype at, const QJsonValue &value)
{
    if (at == steps.size())
        return value;
    const QString &step = steps.at(at);
    if (step.startsWith(QLatin1Char('['))) {
        QJsonArray a = node.toArray();
        const int i = step.mid(1, step.size() - 2).toInt();
        a[i] = replaced(a.at(i), steps, at + 1, value);
        return a;
    }
    QJsonObject o = node.toObject();
    o[step] = replaced(o.value(step), steps, at + 1, value);
    return o;
}

QByteArray withValueAt(const QByteArray &json, const QString &path, const QJsonValue &value)
{
    QStringList steps;
    static const QRegularExpression step(QStringLiteral("([^.\\[\\]]+)|(\\[\\d+\\])"));
    for (auto it = step.globalMatch(path); it.hasNext();)
        steps.append(it.next().captured(0));
    const QJsonValue root = replaced(QJsonDocument::fromJson(json).object(), steps, 0, value);
    return QJsonDocument(root.toObject()).toJson();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArray("<cannot read ") + path.toUtf8() + '>';
    return f.readAll();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// Root ignores file permissions, and CI runs as root: there the rows about an unreadable file and a
// read-only folder make their one call as the unprivileged user nobody (65534), then switch back.
class Unprivileged
{
    Q_DISABLE_COPY_MOVE(Unprivileged)

public:
    Unprivileged()
        : m_switched(::geteuid() == 0)
    {
        if (m_switched && (::setegid(65534) != 0 || ::seteuid(65534) != 0))
            qFatal("cannot switch to the user nobody");
    }
    ~Unprivileged()
    {
        if (m_switched && (::seteuid(0) != 0 || ::setegid(0) != 0))
            qFatal("cannot switch back to root");
    }

private:
    bool m_switched;
};

constexpr QFileDevice::Permissions kReadAndSearch = QFileDevice::ReadOwner | QFileDevice::ExeOwner
                                                    | QFileDevice::ReadGroup | QFileDevice::ExeGroup
                                                    | QFileDevice::ReadOther | QFileDevice::ExeOther;

SessionCase resolvable(const QString &url)
{
    SessionCase c;
    c.name = QStringLiteral("c");
    c.request.url = url;
    return c;
}

Session withVariables()
{
    Session s;
    s.variables = {{QStringLiteral("base"), QStringLiteral("http://127.0.0.1:8080")},
                   {QStringLiteral("q"), QStringLiteral("one")},
                   {QStringLiteral("token"), QStringLiteral("s3cret")},
                   {QStringLiteral("nested"), QStringLiteral("{{q}}")}};
    s.environments = {{QStringLiteral("staging"),
                       {{QStringLiteral("base"), QStringLiteral("https://staging.test")},
                        {QStringLiteral("q"), QStringLiteral("two")}}}};
    return s;
}

}  // namespace

class tst_Session : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip();
    void goldenKeyOrder();
    void defaultsLeftOut();
    void unknownKeysIgnored();
    void loadErrors_data();
    void loadErrors();
    void loadFileErrors_data();
    void loadFileErrors();
    void saveKeepsBackup();
    void saveFailures_data();
    void saveFailures();
    void allCasesOrder();
    void resolveVariables();
    void resolveEnvironments();
    void resolveOverrides();
    void resolveErrors_data();
    void resolveErrors();
    void resolveAuth_data();
    void resolveAuth();
    void resolveDisabledHeaders();
    void resolveTlsFiles();
    void proxyOptions();
    void caseFromSpec();
    void version2OnlyWhenUsed();
    void version2Errors_data();
    void version2Errors();
    void runHistoryRoundTrip();
    void bulkRoundTrip();
    void bulkErrors_data();
    void bulkErrors();
    void resolveBulk();
    void runHistoryErrors_data();
    void runHistoryErrors();
    void recordRunKeepsTheLastRuns();
};

void tst_Session::roundTrip()
{
    const Session original = sampleSession();
    const QByteArray bytes = sessionToJson(original);
    QVERIFY(bytes.endsWith("}\n"));
    const SessionLoadResult loaded = sessionFromJson(bytes);
    QVERIFY2(loaded.session, qPrintable(loaded.error));
    compareSessions(*loaded.session, original);
    if (QTest::currentTestFailed())
        return;
    // Writing what was read gives the same bytes: a load and save without changes is no diff.
    QCOMPARE(sessionToJson(*loaded.session), bytes);
    // The binary body went as base64, the UTF-8 one as text.
    QVERIFY(bytes.contains("\"bodyBase64\": \"AP/+e3t4fX0=\""));
    QVERIFY(bytes.contains("\"body\": \"a=1&b=\xC3\xA9\""));
}

void tst_Session::goldenKeyOrder()
{
    Session s;
    s.name = QStringLiteral("Small");
    s.variables = {{QStringLiteral("b"), QStringLiteral("2")}, {QStringLiteral("a"), QStringLiteral("1")}};
    s.environments = {{QStringLiteral("staging"), {{QStringLiteral("a"), QStringLiteral("x")}}}};
    SessionCase c;
    c.name = QStringLiteral("c");
    c.request.method = QStringLiteral("POST");
    c.request.url = QStringLiteral("{{a}}/x");
    c.request.headers = {{QStringLiteral("Accept"), QStringLiteral("text/html"), false}};
    c.request.body = "a=1";
    c.request.formBody = true;
    c.request.customMethod = true;
    c.request.auth.kind = CaseAuth::Kind::Bearer;
    c.request.auth.token = QStringLiteral("t");
    c.options.profile = Profile::Curl;
    c.options.maxRedirects = 5;
    c.options.loopDetect = false;
    c.expectations = {expectation(ExpectationKind::FinalStatus, 200)};
    s.items = {folderItem(QStringLiteral("F"), {caseItem(c)})};

    const QByteArray expected = R"({
    "format": "redirect-workbench-session",
    "version": 1,
    "name": "Small",
    "variables": {
        "a": "1",
        "b": "2"
    },
    "environments": [
        {
            "name": "staging",
            "variables": {
                "a": "x"
            }
        }
    ],
    "items": [
        {
            "folder": "F",
            "items": [
                {
                    "case": "c",
                    "request": {
                        "method": "POST",
                        "url": "{{a}}/x",
                        "headers": [
                            {
                                "name": "Accept",
                                "value": "text/html",
                                "enabled": false
                            }
                        ],
                        "body": "a=1",
                        "formBody": true,
                        "customMethod": true,
                        "auth": {
                            "kind": "bearer",
                            "token": "t"
                        }
                    },
                    "options": {
                        "profile": "curl",
                        "maxRedirects": 5,
                        "loopDetect": false
                    },
                    "expectations": [
                        {
                            "kind": "finalStatus",
                            "status": 200
                        }
                    ]
                }
            ]
        }
    ]
}
)";
    QCOMPARE(sessionToJson(s), expected);

    // lastTrace comes last in a case and is the trace JSON itself.
    c.lastTrace = sampleTrace();
    s.items = {caseItem(c)};
    const QJsonObject written = QJsonDocument::fromJson(sessionToJson(s)).object();
    const QJsonObject caseObject = written.value(QLatin1String("items")).toArray().at(0).toObject();
    QCOMPARE(caseObject.value(QLatin1String("lastTrace")).toObject(), traceToJson(sampleTrace()));
    const QByteArray bytes = sessionToJson(s);
    QVERIFY(bytes.indexOf("\"lastTrace\"") > bytes.indexOf("\"expectations\""));
}

void tst_Session::defaultsLeftOut()
{
    const QByteArray bytes = sessionToJson(sampleSession());
    const QJsonObject plain =
        QJsonDocument::fromJson(bytes).object().value(QLatin1String("items")).toArray().at(1).toObject();
    QCOMPARE(plain.keys(), (QStringList{QStringLiteral("case"), QStringLiteral("expectations"),
                                        QStringLiteral("options"), QStringLiteral("request")}));
    QCOMPARE(plain.value(QLatin1String("options")).toObject(),
             (QJsonObject{{QStringLiteral("profile"), QStringLiteral("browser")}}));
    QCOMPARE(plain.value(QLatin1String("request")).toObject().keys(),
             (QStringList{QStringLiteral("headers"), QStringLiteral("method"), QStringLiteral("url")}));
    // An enabled header has no "enabled"; a disabled one says false.
    const QJsonArray headers = QJsonDocument::fromJson(bytes)
                                   .object()
                                   .value(QLatin1String("items"))
                                   .toArray()
                                   .at(0)
                                   .toObject()
                                   .value(QLatin1String("items"))
                                   .toArray()
                                   .at(0)
                                   .toObject()
                                   .value(QLatin1String("request"))
                                   .toObject()
                                   .value(QLatin1String("headers"))
                                   .toArray();
    QCOMPARE(headers.at(0).toObject().value(QLatin1String("enabled")), QJsonValue(false));
    QVERIFY(!headers.at(1).toObject().contains(QLatin1String("enabled")));
}

void tst_Session::unknownKeysIgnored()
{
    QByteArray bytes = sessionToJson(sampleSession());
    bytes = withValueAt(bytes, QStringLiteral("comment"), QStringLiteral("from a later minor change"));
    bytes = withValueAt(bytes, QStringLiteral("items[0].color"), QStringLiteral("red"));
    bytes = withValueAt(bytes, QStringLiteral("items[0].items[0].request.proxy"), QJsonObject());
    bytes = withValueAt(bytes, QStringLiteral("items[0].items[0].options.http3"), true);
    bytes = withValueAt(bytes, QStringLiteral("items[0].items[0].expectations[0].note"), 1);
    const SessionLoadResult loaded = sessionFromJson(bytes);
    QVERIFY2(loaded.session, qPrintable(loaded.error));
    compareSessions(*loaded.session, sampleSession());
}

void tst_Session::loadErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");  // a regular expression the whole error matches

    const QByteArray good = sessionToJson(sampleSession());
    const QString parse = QStringLiteral("line \\d+, column \\d+: .+");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("line 1, column 1: .+");
    for (const double at : {0.1, 0.5, 0.9}) {
        const qsizetype cut = qsizetype(good.size() * at);
        const QByteArray truncated = good.left(cut);
        const int line = int(truncated.count('\n')) + 1;
        QTest::addRow("truncated at %lld", qlonglong(cut))
            << truncated << QStringLiteral("line %1, column \\d+: .+").arg(line);
    }
    QTest::newRow("truncated before the last brace") << good.left(good.size() - 2) << parse;
    QTest::newRow("binary garbage") << QByteArray("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", 18) << parse;
    QTest::newRow("invalid UTF-8 in a string")
        << QByteArray("{\"format\": \"redirect-workbench-session\", \"name\": \"\xff\xfe\"}") << parse;
    QTest::newRow("array, not an object") << QByteArray("[]") << QStringLiteral("line 1, column 1: .+");
    QTest::newRow("trace file") << traceToJsonBytes(sampleTrace())
                                << QStringLiteral("format: \"redirect-workbench-trace\" is not a session.*");
    QTest::newRow("no format") << QByteArray("{\"version\": 1}") << QStringLiteral("format: .+");
    QTest::newRow("newer version") << withValueAt(good, QStringLiteral("version"), 4)
                                   << QStringLiteral("version 4 is newer than this program reads \\(3\\)");
    QTest::newRow("version a string")
        << withValueAt(good, QStringLiteral("version"), QStringLiteral("1")) << QStringLiteral("version: .+");

    // Folders in folders, 17 deep: more than a session may nest.
    QByteArray deep = "{\"case\": \"c\", \"request\": {\"method\": \"GET\", \"url\": \"http://a.test/\"}}";
    QString deepPath = QStringLiteral("items[0]");
    for (int i = 0; i < 17; ++i) {
        deep = "{\"folder\": \"f\", \"items\": [" + deep + "]}";
        if (i < 16)
            deepPath += QStringLiteral(".items[0]");
    }
    QTest::newRow("folders too deep")
        << "{\"format\": \"redirect-workbench-session\", \"version\": 1, \"items\": [" + deep + "]}"
        << QRegularExpression::escape(deepPath) + QStringLiteral(": folders nest deeper than 16 levels");

    struct Bad {
        const char *path;
        QJsonValue value;
    };
    const QList<Bad> bad{
        {"name", 3},
        {"sandbox", QJsonArray()},
        {"sandbox.rules", QJsonObject()},
        {"sandbox.rules[0]", QStringLiteral("/old")},
        {"sandbox.rules[0].path", QStringLiteral("old")},
        {"sandbox.rules[0].status", 99},
        {"sandbox.rules[0].status", QStringLiteral("301")},
        {"sandbox.rules[0].method", QStringLiteral("GE T")},
        {"sandbox.rules[0].headers", QJsonObject()},
        {"sandbox.rules[0].headers[1].name", QStringLiteral("Set Cookie")},
        {"sandbox.rules[0].headers[0].value", QStringLiteral("a\r\nX: y")},
        {"sandbox.rules[0].delayMs", -1},
        {"sandbox.rules[1].bodyBase64", QStringLiteral("not base64!")},
        {"variables", QJsonArray()},
        {"variables.base", 8080},
        {"environments", QJsonObject()},
        {"environments[0]", QStringLiteral("staging")},
        {"environments[0].name", QJsonValue::Null},
        {"environments[0].variables.base", true},
        {"items", QStringLiteral("none")},
        {"items[1]", 7},
        {"items[1]", QJsonObject{{QStringLiteral("name"), QStringLiteral("neither folder nor case")}}},
        {"items[0].folder", QJsonArray()},
        {"items[0].items", 1},
        {"items[0].items[0].case", false},
        {"items[0].items[0].request", QStringLiteral("GET /")},
        {"items[0].items[0].request.url", QJsonValue::Null},
        {"items[0].items[0].request.method", 1},
        {"items[0].items[0].request.headers", QJsonObject()},
        {"items[0].items[0].request.headers[1]", QJsonArray{QStringLiteral("X-Token"), QStringLiteral("v")}},
        {"items[0].items[0].request.headers[0].enabled", QStringLiteral("no")},
        {"items[0].items[0].request.headers[1].value", 2},
        {"items[0].items[0].request.body", 12},
        {"items[0].items[1].items[0].request.bodyBase64", QStringLiteral("not base64!")},
        {"items[0].items[0].request.formBody", 1},
        {"items[0].items[0].request.auth", QStringLiteral("basic")},
        {"items[0].items[0].request.auth.kind", QStringLiteral("digest")},
        {"items[0].items[0].request.auth.user", 5},
        {"items[0].items[0].options", QJsonArray()},
        {"items[0].items[0].options.profile", QStringLiteral("netscape")},
        {"items[0].items[0].options.maxRedirects", 2.5},
        {"items[0].items[0].options.maxRedirects", -1},
        {"items[0].items[0].options.timeoutMs", QStringLiteral("30s")},
        {"items[0].items[0].options.cookieJar", QJsonValue::Null},
        {"items[0].items[0].options.trustedHosts[1]", 4},
        {"items[0].items[0].options.bodyPreviewCap", 1e300},
        {"items[0].items[0].expectations", QJsonObject()},
        {"items[0].items[0].expectations[2]", QStringLiteral("noDowngrade")},
        {"items[0].items[0].expectations[0].statuses[1]", QStringLiteral("200")},
        {"items[0].items[0].expectations[1].kind", QStringLiteral("finalURL")},
        {"items[0].items[0].lastTrace", 0},
        {"items[0].items[0].lastTrace.version", 2},
        {"items[0].items[0].lastTrace.hops[0].request.method", 1},
        {"items[0].items[0].lastTrace.hops[1].response.status", QStringLiteral("200")},
    };
    for (const Bad &b : bad) {
        const QString path = QString::fromLatin1(b.path);
        QTest::addRow("%s = %s", b.path,
                      QJsonDocument(QJsonArray{b.value}).toJson(QJsonDocument::Compact).constData())
            << withValueAt(good, path, b.value) << QRegularExpression::escape(path) + QStringLiteral(": .+");
    }
}

void tst_Session::loadErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const SessionLoadResult r = sessionFromJson(json);
    QVERIFY(!r.session);
    const QRegularExpression re(QRegularExpression::anchoredPattern(error));
    QVERIFY2(re.match(r.error).hasMatch(), qPrintable(r.error));
}

void tst_Session::loadFileErrors_data()
{
    QTest::addColumn<QString>("situation");
    QTest::addColumn<QString>("error");  // what follows "PATH: "
    QTest::newRow("missing") << QStringLiteral("missing") << QStringLiteral("no such file");
    QTest::newRow("directory") << QStringLiteral("directory") << QStringLiteral("is a directory");
    QTest::newRow("empty") << QStringLiteral("empty") << QStringLiteral("the file is empty");
    QTest::newRow("garbage") << QStringLiteral("garbage") << QStringLiteral("line 1, column ");
    QTest::newRow("truncated") << QStringLiteral("truncated") << QStringLiteral("line 3, column 1: ");
    QTest::newRow("other format") << QStringLiteral("trace") << QStringLiteral("format: ");
    QTest::newRow("65 MiB") << QStringLiteral("huge")
                            << QStringLiteral("more than 64 MiB (the most a session file may have)");
    QTest::newRow("fifo") << QStringLiteral("fifo") << QStringLiteral("not a regular file");
    QTest::newRow("unreadable") << QStringLiteral("unreadable") << QStringLiteral("cannot open: ");
}

void tst_Session::loadFileErrors()
{
    QFETCH(QString, situation);
    QFETCH(QString, error);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("a.rwbsession"));
    QByteArray content;
    if (situation == QLatin1String("directory")) {
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("a.rwbsession")));
    } else if (situation == QLatin1String("fifo")) {
        // A named pipe nobody writes to: reading it would block for ever.
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
    } else if (situation != QLatin1String("missing")) {
        if (situation == QLatin1String("garbage"))
            content = QByteArray("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01", 16);
        else if (situation == QLatin1String("truncated"))
            content = "{\n    \"format\": \"redirect-workbench-session\",\n";
        else if (situation == QLatin1String("trace"))
            content = traceToJsonBytes(sampleTrace());
        else if (situation == QLatin1String("unreadable"))
            content = sessionToJson(sampleSession());
        QVERIFY(writeFile(path, content));
        if (situation == QLatin1String("huge")) {
            QFile f(path);
            QVERIFY(f.resize(65 * 1024 * 1024));  // sparse: no 65 MiB written to the disk
        }
        if (situation == QLatin1String("unreadable")) {
            // The folder can be searched by anyone (also by nobody, see Unprivileged); the file read by none.
            QVERIFY(QFile::setPermissions(dir.path(), kReadAndSearch | QFileDevice::WriteOwner));
            QVERIFY(QFile::setPermissions(path, QFileDevice::WriteOwner));
        }
    }
    const bool fifo = situation == QLatin1String("fifo");  // opening it to compare would block
    const QByteArray before = fifo ? QByteArray() : readAll(path);
    const SessionLoadResult r = [&] {
        const std::optional<Unprivileged> user =
            situation == QLatin1String("unreadable") ? std::make_optional<Unprivileged>() : std::nullopt;
        return loadSessionFile(path);
    }();
    QVERIFY(!r.session);
    QVERIFY2(r.error.startsWith(path + QStringLiteral(": ") + error), qPrintable(r.error));
    // Reading a bad file does nothing to it.
    if (situation != QLatin1String("unreadable") && !fifo)
        QCOMPARE(readAll(path), before);
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

void tst_Session::saveKeepsBackup()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("shop.rwbsession"));
    const QString bak = path + QStringLiteral(".bak");
    Session first = sampleSession();
    QString error;
    QVERIFY2(saveSessionFile(path, first, &error), qPrintable(error));
    QCOMPARE(readAll(path), sessionToJson(first));
    QVERIFY2(!QFile::exists(bak), "a new file has no previous bytes to keep");

    Session second = first;
    second.name = QStringLiteral("renamed");
    second.items.removeLast();
    QVERIFY2(saveSessionFile(path, second, &error), qPrintable(error));
    QCOMPARE(readAll(bak), sessionToJson(first));
    QCOMPARE(readAll(path), sessionToJson(second));

    // The backup holds the bytes as they were, even when they were not written by this program.
    QVERIFY(writeFile(path, "hand-edited, not even JSON"));
    QVERIFY2(saveSessionFile(path, first, &error), qPrintable(error));
    QCOMPARE(readAll(bak), QByteArray("hand-edited, not even JSON"));
    const SessionLoadResult loaded = loadSessionFile(path);
    QVERIFY2(loaded.session, qPrintable(loaded.error));
    compareSessions(*loaded.session, first);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
             (QStringList{QStringLiteral("shop.rwbsession"), QStringLiteral("shop.rwbsession.bak")}));
}

void tst_Session::saveFailures_data()
{
    QTest::addColumn<QString>("situation");
    QTest::newRow("path is a directory") << QStringLiteral("directory");
    QTest::newRow("parent is a regular file") << QStringLiteral("parentFile");
    QTest::newRow("backup path is a directory") << QStringLiteral("bakDirectory");
    QTest::newRow("read-only directory") << QStringLiteral("readOnly");
}

void tst_Session::saveFailures()
{
    QFETCH(QString, situation);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString path = dir.filePath(QStringLiteral("a.rwbsession"));
    QString named = path;  // the file the error must name
    const QByteArray old = sessionToJson(sampleSession());
    if (situation == QLatin1String("directory")) {
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("a.rwbsession")));
    } else if (situation == QLatin1String("fifo")) {
        // A named pipe nobody writes to: reading it would block for ever.
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
    } else if (situation == QLatin1String("parentFile")) {
        QVERIFY(writeFile(dir.filePath(QStringLiteral("notadir")), "x"));
        path = dir.filePath(QStringLiteral("notadir/a.rwbsession"));
        named = path;
    } else if (situation == QLatin1String("bakDirectory")) {
        QVERIFY(writeFile(path, old));
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("a.rwbsession.bak/keep")));
        named = path + QStringLiteral(".bak");
    } else if (situation == QLatin1String("readOnly")) {
        QVERIFY(writeFile(path, old));
        // Read and searched by anyone (also by nobody, see Unprivileged), written by none.
        QVERIFY(QFile::setPermissions(dir.path(), kReadAndSearch));
        named = path + QStringLiteral(".bak");  // the backup is the first thing that cannot be written
    }
    const QStringList entriesBefore = QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    const bool fileBefore = QFileInfo(path).isFile();
    Session changed = sampleSession();
    changed.name = QStringLiteral("changed");
    QString error;
    const bool saved = [&] {
        const std::optional<Unprivileged> user =
            situation == QLatin1String("readOnly") ? std::make_optional<Unprivileged>() : std::nullopt;
        return saveSessionFile(path, changed, &error);
    }();
    QFile::setPermissions(dir.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QVERIFY(!saved);
    QVERIFY2(error.startsWith(named + QStringLiteral(": ")), qPrintable(error));
    QVERIFY2(error.size() > named.size() + 2, "the error says why");
    // Nothing changed at the path: the same entries, and the old bytes when there was a file.
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), entriesBefore);
    QCOMPARE(QFileInfo(path).isFile(), fileBefore);
    if (fileBefore)
        QCOMPARE(readAll(path), old);
    if (situation == QLatin1String("parentFile"))
        QCOMPARE(readAll(dir.filePath(QStringLiteral("notadir"))), QByteArray("x"));
}

void tst_Session::allCasesOrder()
{
    Session s;
    const auto named = [](const char *name) {
        SessionCase c;
        c.name = QString::fromLatin1(name);
        return caseItem(c);
    };
    s.items = {named("A"),
               folderItem(QStringLiteral("Auth"),
                          {named("B"), folderItem(QStringLiteral("Cross-origin"), {named("C")}),
                           folderItem(QStringLiteral("Empty"), {}), named("D")}),
               named("E")};
    const QList<CaseRef> cases = allCases(s);
    QStringList seen;
    for (const CaseRef &ref : cases)
        seen.append(ref.folderPath + QLatin1Char('|') + ref.testCase->name);
    QCOMPARE(seen, (QStringList{QStringLiteral("|A"), QStringLiteral("Auth|B"),
                                QStringLiteral("Auth/Cross-origin|C"), QStringLiteral("Auth|D"),
                                QStringLiteral("|E")}));
    // The references point into the session itself.
    QCOMPARE(cases.at(2).testCase, &s.items.at(1).children.at(1).children.at(0).testCase);
    QVERIFY(allCases(Session()).isEmpty());
}

void tst_Session::resolveVariables()
{
    const Session s = withVariables();
    SessionCase c = resolvable(QStringLiteral("  {{base}}/old?q={{ q }}  "));
    c.request.method = QStringLiteral("PUT");
    c.request.headers = {{QStringLiteral("X-{{q}}"), QStringLiteral("v={{token}} {{nested}}"), true},
                         {QStringLiteral("X-Literal"), QStringLiteral("{{ not closed"), true}};
    c.request.body = QByteArray("\xff{{q}}\x00{{", 9);
    c.request.formBody = true;
    c.request.customMethod = true;
    c.options.profile = Profile::Curl;
    c.options.maxRedirects = 3;
    c.options.trustedHosts = {QStringLiteral("x.test")};
    const ResolvedCase r = resolveCase(c, s);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.request.url.toString(), QStringLiteral("http://127.0.0.1:8080/old?q=one"));
    QCOMPARE(r.request.method, QByteArray("PUT"));
    QCOMPARE(r.request.headers,
             (HeaderList{{"X-one", "v=s3cret {{q}}"},
                         {"X-Literal", "{{ not closed"}}));  // values are not scanned again
    QCOMPARE(r.request.body, QByteArray("\xffone\x00{{", 7));
    QVERIFY(r.request.formBody);
    QVERIFY(r.request.customMethod);
    compareOptions(r.options, c.options);
}

// The TLS files' names are the session file's folder's, {{variables}} in them and in the password resolved;
// the session file records them as written.
void tst_Session::resolveTlsFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Session s = withVariables();
    SessionCase c = resolvable(QStringLiteral("https://a.test/"));
    c.options.tls = {QStringLiteral("certs/ca.pem"), QStringLiteral("/abs/{{q}}.p12"), QString(),
                     QStringLiteral("key-{{q}}.pem"), QStringLiteral("{{token}}")};
    s.items = {caseItem(c)};
    const QString path = dir.filePath(QStringLiteral("tls.rwbsession"));
    QString error;
    QVERIFY2(saveSessionFile(path, s, &error), qPrintable(error));
    QVERIFY(readAll(path).contains(R"("caCert": "certs/ca.pem")"));
    const SessionLoadResult loaded = loadSessionFile(path);
    QVERIFY2(loaded.session, qPrintable(loaded.error));
    QCOMPARE(loaded.session->directory, QFileInfo(path).absolutePath());
    const ResolvedCase r = resolveCase(*allCases(*loaded.session).first().testCase, *loaded.session);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.options.tls.caCertificates, QFileInfo(path).absolutePath() + QStringLiteral("/certs/ca.pem"));
    QCOMPARE(r.options.tls.clientCertificate, QStringLiteral("/abs/one.p12"));
    QCOMPARE(r.options.tls.clientKey, QFileInfo(path).absolutePath() + QStringLiteral("/key-one.pem"));
    QCOMPARE(r.options.tls.password, QStringLiteral("s3cret"));
    // A session not read from a file: names stay as written (the working directory's).
    QCOMPARE(resolveCase(c, s).options.tls.caCertificates, QStringLiteral("certs/ca.pem"));
    c.options.tls.password = QStringLiteral("{{nope}}");
    QCOMPARE(resolveCase(c, s).error, QStringLiteral("unknown variable {{nope}} in options.tls.password"));
}

void tst_Session::proxyOptions()
{
    Session s = withVariables();
    SessionCase c = resolvable(QStringLiteral("https://a.test/"));
    c.options.proxy = QStringLiteral("http://u:{{token}}@127.0.0.1:3128");
    c.options.noProxy = QStringLiteral("localhost,.internal.test");
    c.options.proxyUser = QString();
    c.options.httpVersion = HttpVersion::Http2;
    SessionCase none = resolvable(QStringLiteral("https://b.test/"));
    none.options.proxy = QString();  // written "", read back as "no proxy", not as unset
    s.items = {caseItem(c), caseItem(none)};
    const QByteArray bytes = sessionToJson(s);
    QVERIFY(bytes.contains("\"proxy\": \"http://u:{{token}}@127.0.0.1:3128\""));
    QVERIFY(bytes.contains("\"proxy\": \"\""));
    QVERIFY(bytes.contains("\"httpVersion\": \"2\""));
    QCOMPARE(bytes.count("httpVersion"), 1);  // the default is not written
    QVERIFY(bytes.contains(R"("version": 2)"));
    const SessionLoadResult loaded = sessionFromJson(bytes);
    QVERIFY2(loaded.session, qPrintable(loaded.error));
    const QList<CaseRef> cases = allCases(*loaded.session);
    QCOMPARE(cases.at(0).testCase->options.proxy, c.options.proxy);
    QCOMPARE(cases.at(0).testCase->options.noProxy, c.options.noProxy);
    QCOMPARE(cases.at(1).testCase->options.proxy, std::optional<QString>(QString()));
    QCOMPARE(cases.at(0).testCase->options.httpVersion, HttpVersion::Http2);
    QCOMPARE(cases.at(1).testCase->options.httpVersion, HttpVersion::Default);
    QVERIFY(!cases.at(1).testCase->options.noProxy);
    // {{variables}} in the proxy are resolved when the case runs, and what results is checked then.
    const ResolvedCase r = resolveCase(*cases.at(0).testCase, *loaded.session);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.options.proxy, std::optional<QString>(QStringLiteral("http://u:s3cret@127.0.0.1:3128")));
    c.options.proxy = QStringLiteral("{{q}}://p.test");
    QCOMPARE(resolveCase(c, s).error,
             QStringLiteral("options.proxy: proxy 'one://p.test': the scheme one:// is "
                            "not supported (http://, socks5:// or socks5h://)"));
}

void tst_Session::resolveOverrides()
{
    const Session s = withVariables();
    const SessionCase c = resolvable(QStringLiteral("{{base}}/{{q}}/{{token}}/{{sandbox}}"));
    const Variables overrides{{QStringLiteral("base"), QStringLiteral("http://127.0.0.1:9")},
                              {QStringLiteral("sandbox"), QStringLiteral("x")}};
    // The strongest layer: over the session's and the environment's values.
    const ResolvedCase none = resolveCase(c, s, QString(), overrides);
    QVERIFY2(none.error.isEmpty(), qPrintable(none.error));
    QCOMPARE(none.request.url, QUrl(QStringLiteral("http://127.0.0.1:9/one/s3cret/x")));
    const ResolvedCase staging = resolveCase(c, s, QStringLiteral("staging"), overrides);
    QVERIFY2(staging.error.isEmpty(), qPrintable(staging.error));
    QCOMPARE(staging.request.url, QUrl(QStringLiteral("http://127.0.0.1:9/two/s3cret/x")));
    // Without them {{sandbox}} is unknown.
    QCOMPARE(resolveCase(c, s).error, QStringLiteral("unknown variable {{sandbox}} in the URL"));
}

void tst_Session::resolveEnvironments()
{
    const Session s = withVariables();
    const SessionCase c = resolvable(QStringLiteral("{{base}}/{{q}}/{{token}}"));
    const ResolvedCase none = resolveCase(c, s);
    QCOMPARE(none.request.url, QUrl(QStringLiteral("http://127.0.0.1:8080/one/s3cret")));
    // The environment's variables win; the session's fill in the rest.
    const ResolvedCase staging = resolveCase(c, s, QStringLiteral("staging"));
    QVERIFY2(staging.error.isEmpty(), qPrintable(staging.error));
    QCOMPARE(staging.request.url, QUrl(QStringLiteral("https://staging.test/two/s3cret")));
    const ResolvedCase unknown = resolveCase(c, s, QStringLiteral("production"));
    QVERIFY(!unknown.error.isEmpty());
    QVERIFY2(unknown.error.contains(QLatin1String("unknown environment \"production\"")),
             qPrintable(unknown.error));
    QVERIFY2(unknown.error.contains(QLatin1String("staging")), qPrintable(unknown.error));
    QVERIFY(!resolveCase(c, Session(), QStringLiteral("staging")).error.isEmpty());
}

void tst_Session::resolveErrors_data()
{
    QTest::addColumn<QString>("part");  // which field holds the bad text
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");  // part of the error
    QTest::newRow("unknown in URL") << QStringLiteral("url") << QStringLiteral("{{host}}/x")
                                    << QStringLiteral("unknown variable {{host}} in the URL");
    QTest::newRow("unknown with spaces")
        << QStringLiteral("url") << QStringLiteral("http://a.test/{{ nope }}")
        << QStringLiteral("unknown variable {{nope}} in the URL");
    QTest::newRow("empty name") << QStringLiteral("url") << QStringLiteral("http://a.test/{{}}")
                                << QStringLiteral("unknown variable {{}} in the URL");
    QTest::newRow("unknown in header name")
        << QStringLiteral("headerName") << QStringLiteral("X-{{nope}}")
        << QStringLiteral("unknown variable {{nope}} in the name of header 1");
    QTest::newRow("unknown in header value")
        << QStringLiteral("headerValue") << QStringLiteral("{{nope}}")
        << QStringLiteral("unknown variable {{nope}} in the value of header X-H");
    QTest::newRow("unknown in body") << QStringLiteral("body") << QStringLiteral("a={{nope}}")
                                     << QStringLiteral("unknown variable {{nope}} in the body");
    QTest::newRow("unknown in Basic user")
        << QStringLiteral("user") << QStringLiteral("{{nope}}")
        << QStringLiteral("unknown variable {{nope}} in the Basic auth user");
    QTest::newRow("unknown in Basic password")
        << QStringLiteral("password") << QStringLiteral("{{nope}}")
        << QStringLiteral("unknown variable {{nope}} in the Basic auth password");
    QTest::newRow("unknown in Bearer token")
        << QStringLiteral("token") << QStringLiteral("{{nope}}")
        << QStringLiteral("unknown variable {{nope}} in the Bearer token");
    QTest::newRow("relative URL") << QStringLiteral("url") << QStringLiteral("/just/a/path")
                                  << QStringLiteral("not absolute");
    QTest::newRow("no host") << QStringLiteral("url") << QStringLiteral("http:path")
                             << QStringLiteral("not absolute");
    QTest::newRow("invalid URL") << QStringLiteral("url") << QStringLiteral("http://a.test/%zz")
                                 << QStringLiteral("invalid URL \"http://a.test/%zz\"");
    QTest::newRow("space in host") << QStringLiteral("url") << QStringLiteral("http://exa mple.test/")
                                   << QStringLiteral("invalid URL");
    QTest::newRow("empty URL") << QStringLiteral("url") << QStringLiteral("{{empty}}  ")
                               << QStringLiteral("the URL is empty");
    QTest::newRow("header without name") << QStringLiteral("headerName") << QStringLiteral(" {{empty}} ")
                                         << QStringLiteral("header 1 has a value but no name");
    // Issue 16: a line break from the file or from a variable never reaches the wire.
    QTest::newRow("CRLF in header value")
        << QStringLiteral("headerValue") << QStringLiteral("a\r\nX-Injected: 1")
        << QStringLiteral("the value of header X-H holds a line break");
    QTest::newRow("CRLF from a variable") << QStringLiteral("headerValue") << QStringLiteral("a{{crlf}}b")
                                          << QStringLiteral("the value of header X-H holds a line break");
    QTest::newRow("CRLF in Bearer token") << QStringLiteral("token") << QStringLiteral("t\r\nX-Injected: 1")
                                          << QStringLiteral("the value of header Authorization");
    QTest::newRow("request line in method")
        << QStringLiteral("method") << QStringLiteral("GET /admin HTTP/1.1")
        << QStringLiteral("the method 'GET /admin HTTP/1.1' is not a token");
    QTest::newRow("colon in header name") << QStringLiteral("headerName") << QStringLiteral("X-A: b")
                                          << QStringLiteral("the header name 'X-A: b' is not a token");
}

void tst_Session::resolveErrors()
{
    QFETCH(QString, part);
    QFETCH(QString, text);
    QFETCH(QString, error);
    Session s;
    s.variables = {{QStringLiteral("empty"), QString()}, {QStringLiteral("crlf"), QStringLiteral("\r\n")}};
    SessionCase c = resolvable(part == QLatin1String("url") ? text : QStringLiteral("http://a.test/"));
    if (part == QLatin1String("method"))
        c.request.method = text;
    if (part == QLatin1String("headerName"))
        c.request.headers = {{text, QStringLiteral("v"), true}};
    if (part == QLatin1String("headerValue"))
        c.request.headers = {{QStringLiteral("X-H"), text, true}};
    if (part == QLatin1String("body"))
        c.request.body = text.toUtf8();
    if (part == QLatin1String("user") || part == QLatin1String("password")) {
        c.request.auth.kind = CaseAuth::Kind::Basic;
        (part == QLatin1String("user") ? c.request.auth.user : c.request.auth.password) = text;
    }
    if (part == QLatin1String("token")) {
        c.request.auth.kind = CaseAuth::Kind::Bearer;
        c.request.auth.token = text;
    }
    const ResolvedCase r = resolveCase(c, s);
    QVERIFY2(r.error.contains(error), qPrintable(r.error));
}

void tst_Session::resolveAuth_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QList<CaseHeader>>("headers");
    QTest::addColumn<HeaderList>("expected");
    const CaseHeader accept{QStringLiteral("Accept"), QStringLiteral("*/*"), true};
    const int basic = int(CaseAuth::Kind::Basic);
    const int bearer = int(CaseAuth::Kind::Bearer);
    // "u:p" is "dTpw" in base64; the user is {{who}} = "u".
    QTest::newRow("basic first") << basic << QList<CaseHeader>{accept}
                                 << HeaderList{{"Authorization", "Basic dTpw"}, {"Accept", "*/*"}};
    QTest::newRow("bearer first") << bearer << QList<CaseHeader>{accept}
                                  << HeaderList{{"Authorization", "Bearer t-u"}, {"Accept", "*/*"}};
    QTest::newRow("a header wins") << basic
                                   << QList<CaseHeader>{accept,
                                                        {QStringLiteral("authorization"),
                                                         QStringLiteral("Custom {{who}}"), true}}
                                   << HeaderList{{"Accept", "*/*"}, {"authorization", "Custom u"}};
    QTest::newRow("a disabled header does not")
        << bearer
        << QList<CaseHeader>{{QStringLiteral("Authorization"), QStringLiteral("Custom"), false}, accept}
        << HeaderList{{"Authorization", "Bearer t-u"}, {"Accept", "*/*"}};
    QTest::newRow("none") << int(CaseAuth::Kind::None) << QList<CaseHeader>{accept}
                          << HeaderList{{"Accept", "*/*"}};
}

void tst_Session::resolveAuth()
{
    QFETCH(int, kind);
    QFETCH(QList<CaseHeader>, headers);
    QFETCH(HeaderList, expected);
    Session s;
    s.variables = {{QStringLiteral("who"), QStringLiteral("u")}};
    SessionCase c = resolvable(QStringLiteral("http://a.test/"));
    c.request.headers = headers;
    c.request.auth.kind = CaseAuth::Kind(kind);
    c.request.auth.user = QStringLiteral("{{who}}");
    c.request.auth.password = QStringLiteral("p");
    c.request.auth.token = QStringLiteral("t-{{who}}");
    const ResolvedCase r = resolveCase(c, s);
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.request.headers, expected);
}

void tst_Session::resolveDisabledHeaders()
{
    SessionCase c = resolvable(QStringLiteral("http://a.test/"));
    c.request.headers = {{QStringLiteral("Accept"), QStringLiteral("text/html"), false},
                         {QStringLiteral("X-Off"), QStringLiteral("{{unknown}}"), false},
                         {QString(), QString(), true},
                         {QStringLiteral("X-On"), QStringLiteral("1"), true}};
    const ResolvedCase r = resolveCase(c, Session());
    // A disabled header is left out, and so is a variable it names that does not exist.
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.request.headers, (HeaderList{{"X-On", "1"}}));
}

void tst_Session::caseFromSpec()
{
    RequestSpec spec;
    spec.method = "PATCH";
    spec.url = QUrl(QStringLiteral("https://api.test/v1/caf%C3%A9?x=1#frag"));
    spec.headers = {{"Authorization", "Bearer abc"}, {"Content-Type", "application/json"}};
    spec.body = QByteArray("{\"a\":\x00\xff}", 8);
    spec.customMethod = true;
    spec.formBody = true;
    const CaseRequest c = caseRequestFromSpec(spec);
    QCOMPARE(c.method, QStringLiteral("PATCH"));
    QCOMPARE(c.url, QStringLiteral("https://api.test/v1/caf%C3%A9?x=1#frag"));
    QCOMPARE(c.headers.size(), 2);
    for (const CaseHeader &h : c.headers)
        QVERIFY(h.enabled);
    QCOMPARE(c.headers.at(0).name, QStringLiteral("Authorization"));
    QCOMPARE(c.auth.kind, CaseAuth::Kind::None);  // the header stays a header
    QCOMPARE(c.body, spec.body);
    QVERIFY(c.customMethod);
    QVERIFY(c.formBody);
    // Resolving it again gives the request back.
    SessionCase sc;
    sc.request = c;
    const ResolvedCase r = resolveCase(sc, Session());
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.request.method, spec.method);
    QCOMPARE(r.request.url, spec.url);
    QCOMPARE(r.request.headers, spec.headers);
    QCOMPARE(r.request.body, spec.body);
    QCOMPARE(r.request.customMethod, spec.customMethod);
    QCOMPARE(r.request.formBody, spec.formBody);
}

void tst_Session::version2OnlyWhenUsed()
{
    // Without the request context's fields a session is written as version 1: earlier builds read it, and
    // a file saved again does not change.
    Session s;
    SessionCase c;
    c.name = QStringLiteral("c");
    c.request.url = QStringLiteral("http://127.0.0.1/");
    s.items = {caseItem(c)};
    QVERIFY(sessionToJson(s).contains("\"version\": 1,"));
    s.items[0].testCase.options.context.from = QUrl(QStringLiteral("http://127.0.0.2/page"));
    QVERIFY(sessionToJson(s).contains("\"version\": 2,"));
    s.items = {folderItem(QStringLiteral("f"), {caseItem(c)})};
    s.items[0].children[0].testCase.options.presetCookies = {{QUrl(QStringLiteral("http://a.test/")), "a=1"}};
    QVERIFY2(sessionToJson(s).contains("\"version\": 2,"), "a case in a folder counts too");
}

void tst_Session::version2Errors_data()
{
    QTest::addColumn<QByteArray>("options");
    QTest::addColumn<QString>("error");
    QTest::newRow("context not an object")
        << QByteArray("\"context\": 1") << QStringLiteral("items[0].options.context: expected an object");
    QTest::newRow("bad credentials")
        << QByteArray("\"context\": {\"credentials\": \"all\"}")
        << QStringLiteral("items[0].options.context.credentials: \"all\" is not one of omit, same-origin, "
                          "include");
    QTest::newRow("preset cookie without url")
        << QByteArray("\"presetCookies\": [{\"setCookie\": \"a=1\"}]")
        << QStringLiteral("items[0].options.presetCookies[0].url: missing, expected a string");
    QTest::newRow("preset cookie ftp")
        << QByteArray("\"presetCookies\": [{\"url\": \"ftp://a/\", \"setCookie\": \"a=1\"}]")
        << QStringLiteral("items[0].options.presetCookies[0]: 'ftp://a/' is not an http or https URL");
    QTest::newRow("refresh limit negative")
        << QByteArray("\"refreshLimitMs\": -1")
        << QStringLiteral("items[0].options.refreshLimitMs: expected an integer");
    QTest::newRow("userAgent a number")
        << QByteArray("\"userAgent\": 5") << QStringLiteral("items[0].options.userAgent: expected a string");
    QTest::newRow("resolve not a list") << QByteArray("\"resolve\": \"a:1:127.0.0.1\"")
                                        << QStringLiteral("items[0].options.resolve: expected");
    QTest::newRow("bad resolve rule")
        << QByteArray("\"resolve\": [\"a.test:80:127.0.0.1\", \"a.test:80:localhost\"]")
        << QStringLiteral(
               "items[0].options.resolve[1]: --resolve 'a.test:80:localhost': 'localhost' is not an "
               "IP address");
    QTest::newRow("proxy scheme") << QByteArray("\"proxy\": \"ftp://p.test\"")
                                  << QStringLiteral(
                                         "items[0].options.proxy: proxy 'ftp://p.test': the scheme "
                                         "ftp:// is not supported (http://, socks5:// or socks5h://)");
    QTest::newRow("httpVersion 3") << QByteArray("\"httpVersion\": \"3\"")
                                   << QStringLiteral(
                                          "items[0].options.httpVersion: \"3\" is not an HTTP version "
                                          "(default, 1.1, 2)");
    QTest::newRow("httpVersion a number")
        << QByteArray("\"httpVersion\": 2")
        << QStringLiteral("items[0].options.httpVersion: expected a string");
    QTest::newRow("noProxy a list") << QByteArray("\"noProxy\": [\"a\"]")
                                    << QStringLiteral("items[0].options.noProxy: expected a string");
    QTest::newRow("bad connect-to rule")
        << QByteArray("\"connectTo\": [\"a.test\"]")
        << QStringLiteral("items[0].options.connectTo[0]: --connect-to 'a.test': 1 part where 4 are needed");
}

void tst_Session::version2Errors()
{
    QFETCH(QByteArray, options);
    QFETCH(QString, error);
    const QByteArray json =
        "{\"format\": \"redirect-workbench-session\", \"version\": 2, \"items\": [{\"case\": "
        "\"c\", \"request\": {\"method\": \"GET\", \"url\": \"http://a/\", \"headers\": []}, "
        "\"options\": {\"profile\": \"browser\", "
        + options + "}, \"expectations\": []}]}";
    const SessionLoadResult r = sessionFromJson(json);
    QVERIFY(!r.session);
    QVERIFY2(r.error.startsWith(error), qPrintable(r.error));
}

// Issue 14: a case that holds a bulk check: written as version 3 (only then), every member read back, its
// defaults left out.
void tst_Session::bulkRoundTrip()
{
    Session s;
    SessionCase c;
    c.name = QStringLiteral("migration");
    c.bulk = SessionBulk();
    c.bulk->input = QStringLiteral("maps/migration.csv");
    s.items = {folderItem(QStringLiteral("Maps"), {caseItem(c)})};
    QByteArray bytes = sessionToJson(s);
    QVERIFY(bytes.contains("\"version\": 3,"));
    QVERIFY2(
        bytes.contains(
            "\"bulk\": {\n                        \"input\": \"maps/migration.csv\"\n                    }"),
        bytes.constData());
    SessionLoadResult back = sessionFromJson(bytes);
    QVERIFY2(back.session, qPrintable(back.error));
    QCOMPARE(back.session->items[0].children[0].testCase.bulk, c.bulk);

    SessionBulk &b = *s.items[0].children[0].testCase.bulk;
    b.input.clear();
    b.lines = QStringLiteral("{{base}}/old\n{{base}}/older\n");
    b.inputKind = BulkInputKind::List;
    b.expectPermanent = b.noDowngrade = b.sameHost = true;
    b.maxHops = 0;
    b.finalStatus = QStringLiteral("200|410");
    b.settings.parallel = 4;
    b.settings.perHost = 2;
    b.settings.retries = 3;
    b.settings.ratePerSecond = 2.5;
    bytes = sessionToJson(s);
    for (const char *key :
         {"\"lines\"", "\"inputFormat\": \"list\"", "\"expectPermanent\": true", "\"maxHops\": 0",
          "\"finalStatus\": \"200|410\"", "\"rate\": 2.5", "\"retries\": 3"})
        QVERIFY2(bytes.contains(key), key);
    QVERIFY(!bytes.contains("\"input\""));
    back = sessionFromJson(bytes);
    QVERIFY2(back.session, qPrintable(back.error));
    QCOMPARE(back.session->items[0].children[0].testCase.bulk, s.items[0].children[0].testCase.bulk);
    const BulkRules rules = back.session->items[0].children[0].testCase.bulk->rules();
    QCOMPARE(rules.finalStatuses, (QList<int>{200, 410}));
    QCOMPARE(rules.maxHops, std::optional<int>(0));
    QVERIFY(rules.expectPermanent && rules.noDowngrade && rules.sameHost);
    // A session without one stays at version 1.
    s.items = {caseItem(SessionCase{})};
    QVERIFY(!sessionToJson(s).contains("\"version\": 3"));
}

void tst_Session::bulkErrors_data()
{
    QTest::addColumn<QByteArray>("bulk");
    QTest::addColumn<QString>("error");
    QTest::newRow("not an object") << QByteArray("[]") << QStringLiteral("items[0].bulk: expected an object");
    QTest::newRow("neither input nor lines")
        << QByteArray("{}")
        << QStringLiteral("items[0].bulk: expected \"input\" (a file or URL) or \"lines\"");
    QTest::newRow("both") << QByteArray("{\"input\": \"a\", \"lines\": \"b\"}")
                          << QStringLiteral("items[0].bulk: expected \"input\"");
    QTest::newRow("format") << QByteArray("{\"input\": \"a\", \"inputFormat\": \"xlsx\"}")
                            << QStringLiteral("items[0].bulk.inputFormat: \"xlsx\" is not an input format");
    QTest::newRow("final status") << QByteArray("{\"input\": \"a\", \"finalStatus\": \"ok\"}")
                                  << QStringLiteral("items[0].bulk.finalStatus: expected statuses");
    QTest::newRow("parallel 0") << QByteArray("{\"input\": \"a\", \"parallel\": 0}")
                                << QStringLiteral(
                                       "items[0].bulk.parallel: expected an integer from 1 to 1024");
    QTest::newRow("max hops") << QByteArray("{\"input\": \"a\", \"maxHops\": -1}")
                              << QStringLiteral("items[0].bulk.maxHops: expected an integer from 0 to 1000");
    QTest::newRow("rate") << QByteArray("{\"input\": \"a\", \"rate\": -2}")
                          << QStringLiteral("items[0].bulk.rate: expected chains per second");
    QTest::newRow("flag") << QByteArray("{\"input\": \"a\", \"sameHost\": 1}")
                          << QStringLiteral("items[0].bulk.sameHost: expected true or false");
}

void tst_Session::bulkErrors()
{
    QFETCH(QByteArray, bulk);
    QFETCH(QString, error);
    const QByteArray json =
        "{\"format\": \"redirect-workbench-session\", \"version\": 3, \"items\": [{\"case\": "
        "\"c\", \"request\": {\"method\": \"GET\", \"url\": \"\"}, \"expectations\": [], "
        "\"bulk\": "
        + bulk + "}]}";
    const SessionLoadResult r = sessionFromJson(json);
    QVERIFY(!r.session);
    QVERIFY2(r.error.startsWith(error), qPrintable(r.error));
}

// A bulk check's case needs no URL; its input and inline lines get the variables; a file name is made
// absolute against the session's folder, a URL stays a URL.
void tst_Session::resolveBulk()
{
    Session s;
    s.variables = {{QStringLiteral("base"), QStringLiteral("http://a.test")}};
    s.directory = QStringLiteral("/work/sessions");
    SessionCase c;
    c.bulk = SessionBulk();
    c.bulk->input = QStringLiteral("maps/{{name}}.csv");
    ResolvedCase r = resolveCase(c, s, QString(), {{QStringLiteral("name"), QStringLiteral("june")}});
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(r.bulkInput, QStringLiteral("/work/sessions/maps/june.csv"));
    c.bulk->input = QStringLiteral("{{base}}/sitemap.xml");
    r = resolveCase(c, s);
    QCOMPARE(r.bulkInput, QStringLiteral("http://a.test/sitemap.xml"));
    c.bulk->input.clear();
    c.bulk->lines = QStringLiteral("{{base}}/old\n");
    r = resolveCase(c, s);
    QCOMPARE(r.bulkLines, QStringLiteral("http://a.test/old\n"));
    QVERIFY(r.bulkInput.isEmpty());
    c.bulk->lines = QStringLiteral("{{nothere}}/old\n");
    r = resolveCase(c, s);
    QCOMPARE(r.error, QStringLiteral("unknown variable {{nothere}} in the bulk check's lines"));
    // Without its bulk check, the same case has no URL.
    c.bulk.reset();
    QCOMPARE(resolveCase(c, s).error, QStringLiteral("the URL is empty"));
}

// A case's earlier runs: saved after lastTrace, newest first, with their verdicts; version 2.
void tst_Session::runHistoryRoundTrip()
{
    SessionCase c;
    c.name = QStringLiteral("c");
    c.request.url = QStringLiteral("http://127.0.0.1/");
    c.lastTrace = sampleTrace();
    Trace older = sampleTrace();
    older.startedAt = older.startedAt.addSecs(-60);
    older.outcome.message = QStringLiteral("older");
    c.history = {{CaseRun::Verdict::Failed,
                  {QStringLiteral("status sequence: saw 302, 200"), QStringLiteral("x")},
                  older},
                 {CaseRun::Verdict::Unchecked, {}, sampleTrace()},
                 {CaseRun::Verdict::Passed, {}, sampleTrace()}};
    Session s;
    s.items = {caseItem(c)};
    const QByteArray bytes = sessionToJson(s);
    QVERIFY(bytes.contains("\"version\": 2,"));
    QVERIFY(bytes.indexOf("\"history\"") > bytes.indexOf("\"lastTrace\""));
    const QJsonArray history = QJsonDocument::fromJson(bytes)
                                   .object()
                                   .value(QLatin1String("items"))[0]
                                   .toObject()
                                   .value(QLatin1String("history"))
                                   .toArray();
    QCOMPARE(history.size(), 3);
    QCOMPARE(history[0].toObject().value(QLatin1String("verdict")).toString(), QStringLiteral("failed"));
    QCOMPARE(history[1].toObject().value(QLatin1String("verdict")).toString(), QStringLiteral("unchecked"));
    QVERIFY2(!history[2].toObject().contains(QLatin1String("failures")), "no failures: left out");
    QCOMPARE(history[0].toObject().value(QLatin1String("trace")).toObject(), traceToJson(older));
    const SessionLoadResult read = sessionFromJson(bytes);
    QVERIFY2(read.session, qPrintable(read.error));
    compareItems(read.session->items, s.items);
    QCOMPARE(sessionToJson(*read.session), bytes);
}

void tst_Session::runHistoryErrors_data()
{
    QTest::addColumn<QByteArray>("history");
    QTest::addColumn<QString>("error");
    QTest::newRow("not an array") << QByteArray("{}")
                                  << QStringLiteral("items[0].history: expected an array");
    QTest::newRow("run not an object")
        << QByteArray("[1]") << QStringLiteral("items[0].history[0]: expected a run");
    QTest::newRow("no verdict") << QByteArray("[{\"trace\": {}}]")
                                << QStringLiteral("items[0].history[0].verdict: missing");
    QTest::newRow("unknown verdict") << QByteArray("[{\"verdict\": \"ok\", \"trace\": {}}]")
                                     << QStringLiteral("items[0].history[0].verdict: expected \"passed\"");
    QTest::newRow("failures not strings")
        << QByteArray("[{\"verdict\": \"failed\", \"failures\": [1], \"trace\": {}}]")
        << QStringLiteral("items[0].history[0].failures[0]: expected a string");
    QTest::newRow("no trace") << QByteArray("[{\"verdict\": \"passed\"}]")
                              << QStringLiteral("items[0].history[0].trace: missing");
    QTest::newRow("bad trace") << QByteArray("[{\"verdict\": \"passed\", \"trace\": {\"hops\": 3}}]")
                               << QStringLiteral("items[0].history[0].trace");
}

void tst_Session::runHistoryErrors()
{
    QFETCH(QByteArray, history);
    QFETCH(QString, error);
    const QByteArray json =
        "{\"format\": \"redirect-workbench-session\", \"version\": 2, \"items\": [{\"case\": "
        "\"c\", \"request\": {\"method\": \"GET\", \"url\": \"http://a/\", \"headers\": []}, "
        "\"expectations\": [], \"history\": "
        + history + "}]}";
    const SessionLoadResult r = sessionFromJson(json);
    QVERIFY(!r.session);
    QVERIFY2(r.error.startsWith(error), qPrintable(r.error));
}

// recordRun: the new trace becomes the last one; the one it replaces goes first in the history with the
// verdict it has now; the history keeps runsKept - 1 runs.
void tst_Session::recordRunKeepsTheLastRuns()
{
    SessionCase c;
    c.name = QStringLiteral("c");
    c.expectations = {expectation(ExpectationKind::FinalStatus, 200)};
    auto traceWith = [](int status, int minute) {
        Trace t = sampleTrace();
        t.startedAt = QDateTime(QDate(2026, 12, 4), QTime(10, minute), Qt::UTC);
        t.hops.last().response->status = status;
        t.outcome.finalStatus = status;
        return t;
    };
    recordRun(&c, traceWith(200, 1), 3);
    QVERIFY(c.lastTrace);
    QVERIFY(c.history.isEmpty());
    recordRun(&c, traceWith(500, 2), 3);
    QCOMPARE(c.history.size(), 1);
    QCOMPARE(c.history[0].verdict, CaseRun::Verdict::Passed);
    QCOMPARE(c.history[0].trace.startedAt.time().minute(), 1);
    recordRun(&c, traceWith(200, 3), 3);
    QCOMPARE(c.history.size(), 2);
    QCOMPARE(c.history[0].verdict, CaseRun::Verdict::Failed);
    QVERIFY2(!c.history[0].failures.isEmpty(), "a failed run says why");
    recordRun(&c, traceWith(200, 4), 3);
    QCOMPARE(c.history.size(), 2);  // runsKept counts the latest: two older ones
    QCOMPARE(c.lastTrace->startedAt.time().minute(), 4);
    QCOMPARE(c.history[0].trace.startedAt.time().minute(), 3);
    QCOMPARE(c.history[1].trace.startedAt.time().minute(), 2);
    // Without expectations a final chain is unchecked; a smaller number trims at the next run.
    c.expectations.clear();
    recordRun(&c, traceWith(200, 5), 1);
    QVERIFY(c.history.isEmpty());
    recordRun(&c, traceWith(200, 6), 2);
    QCOMPARE(c.history.size(), 1);
    QCOMPARE(c.history[0].verdict, CaseRun::Verdict::Unchecked);
}

QTEST_GUILESS_MAIN(tst_Session)
#include "tst_session.moc"
