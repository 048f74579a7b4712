// The request editor as the user drives it: the header model under QAbstractItemModelTester, request and
// options round trips, the Auth and Body tabs producing exact bytes, URL validation while typing, and curl
// commands pasted through the clipboard into the URL field.
#include "support/uitest.h"
#include "widgets/requestbodypane.h"
#include "widgets/requestcontextpane.h"
#include "widgets/requesteditor.h"
#include "widgets/requestoptionspane.h"
#include "widgets/urledit.h"
#include "workbench/headereditmodel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QContextMenuEvent>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Rwb;

namespace {

// One readable line per fact, so a failing QCOMPARE shows what differs.
QString dump(const RequestSpec &r)
{
    QStringList out{QString::fromUtf8(r.method) + QLatin1Char(' ') + r.url.toString(QUrl::FullyEncoded)};
    for (const HeaderPair &h : r.headers)
        out << QString::fromUtf8(h.first + ": " + h.second);
    out << QStringLiteral("body=") + QString::fromLatin1(r.body.toHex());
    out << QStringLiteral("custom=%1 form=%2").arg(r.customMethod).arg(r.formBody);
    return out.join(QLatin1Char('\n'));
}

// The members the Context tab edits.
QString contextDump(const Options &o)
{
    const RequestContext &c = o.context;
    QStringList cookies;
    for (const PresetCookie &p : o.presetCookies)
        cookies << presetCookieText(p);
    return QStringLiteral(
               " from=%1 mode=%2 cred=%3 policy=%4 activated=%5 cookies=%6 ua=%7 lang=%8 refresh=%9 "
               "wait=%10")
        .arg(c.from.toString(), requestModeName(c.mode), credentialsModeName(c.credentials),
             c.referrerPolicy ? referrerPolicyName(*c.referrerPolicy) : QStringLiteral("-"))
        .arg(c.userActivated)
        .arg(cookies.join(QLatin1Char('|')), o.userAgent, QString::fromLatin1(o.acceptLanguage))
        .arg(o.refreshLimitMs)
        .arg(o.waitForRefresh);
}

QString dump(const Options &o)
{
    return QStringLiteral(
               "%1 max=%2 post=%3 lt=%4 trusted=%5 jar=%6 tls=%7 loop=%8 timeout=%9 hsts=%10 cap=%11")
               .arg(profileName(o.profile),
                    o.maxRedirects ? QString::number(*o.maxRedirects) : QStringLiteral("-"))
               .arg(o.keepPostOn30x)
               .arg(o.locationTrusted)
               .arg(o.trustedHosts.join(QLatin1Char('|')),
                    o.cookieJar ? QString::number(*o.cookieJar) : QStringLiteral("-"))
               .arg(o.acceptTlsErrors)
               .arg(o.loopDetect)
               .arg(o.timeoutMs)
               .arg(o.hstsPreload.join(QLatin1Char('|')))
               .arg(o.bodyPreviewCap)
           + QStringLiteral(" resolve=%1 connect-to=%2")
                 .arg(o.resolve.join(QLatin1Char('|')), o.connectTo.join(QLatin1Char('|')))
           + QStringLiteral(" cacert=%1 cert=%2 type=%3 key=%4 pass=%5")
                 .arg(o.tls.caCertificates, o.tls.clientCertificate, o.tls.certificateType, o.tls.clientKey,
                      o.tls.password)
           + contextDump(o);
}

RequestSpec spec(const char *method, const char *url, const HeaderList &headers = {},
                 const QByteArray &body = {}, bool form = false, bool custom = false)
{
    RequestSpec r;
    r.method = method;
    r.url = QUrl(QString::fromUtf8(url));
    r.headers = headers;
    r.body = body;
    r.formBody = form;
    r.customMethod = custom;
    return r;
}

}  // namespace

Q_DECLARE_METATYPE(Rwb::RequestSpec)
Q_DECLARE_METATYPE(Rwb::Options)

class TestRequestEditor : public QObject
{
    Q_OBJECT

private slots:
    void headerModel_passesModelTester();
    void headerModel_typingIntoLastRowAddsRow();
    void roundTrip_requestIsUnchanged_data();
    void roundTrip_requestIsUnchanged();
    void roundTrip_options_data();
    void roundTrip_options();
    void options_addressRulesChecked();
    void options_tlsFilesChecked();
    void options_proxy();
    void options_httpVersion();
    void context_summaryAndCookieErrors();
    void auth_basicProducesExactHeader();
    void auth_headersRowWins();
    void body_formFieldsAreUrlencoded();
    void body_fileIsReadAtRequestTime();
    void validation_badUrlsTyped_data();
    void validation_badUrlsTyped();
    void paste_curlFillsEverything();
    void paste_badCurlIsRejectedAndChangesNothing();
    void paste_plainTextIsInserted();
    void paste_shiftInsertAndContextMenu();
    void headersTab_keyboardAddsAndRemovesRows();
    void recentUrls_mostRecentFirstAtMost20();
    void options_profileNamesItsDefaults();
    void barWidget_comesAfterUrlInTabOrder();
    void chromeCopyKeepsTheBrowserProfile();
    void formFieldsShowTheFormType();
    void enter_onCurlTextImports();
    void edit_emitsChanged();
    void render_eachTab();
};

void TestRequestEditor::headerModel_passesModelTester()
{
    HeaderEditModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setHeaders({{"Accept", "*/*"}, {"X-A", "1"}});
    QCOMPARE(model.rowCount(), 3);  // two rows and the empty one
    QVERIFY(model.insertRows(1, 2));
    QVERIFY(model.setData(model.index(1, 0), QStringLiteral("X-New")));
    QVERIFY(model.setData(model.index(1, 1), QStringLiteral("v")));
    QVERIFY(model.setData(model.index(0, 0), Qt::Unchecked, Qt::CheckStateRole));
    QVERIFY(model.removeRows(2, 1));
    QVERIFY(!model.removeRows(model.rowCount() - 1, 1));  // the empty last row stays
    model.setChangeColumnVisible(true);
    QCOMPARE(model.columnCount(), 3);
    model.setChanges(
        {{HeaderChange::Kind::Removed, "Authorization", "Basic x", {}, QStringLiteral("new host")},
         {HeaderChange::Kind::Added, "Cookie", {}, "a=b", QStringLiteral("cookie jar")}});
    QCOMPARE(model.index(0, 0).data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
    QVERIFY(
        model.index(0, HeaderEditModel::ChangeColumn).data().toString().contains(QLatin1String("new host")));
    QVERIFY(model.setData(model.index(0, 0), Qt::Checked, Qt::CheckStateRole));
    model.setChangeColumnVisible(false);
    QCOMPARE(model.headers(), (HeaderList{{"Authorization", "Basic x"}, {"Cookie", "a=b"}}));
}

void TestRequestEditor::headerModel_typingIntoLastRowAddsRow()
{
    HeaderEditModel model;
    QVERIFY(model.setData(model.index(0, 1), QStringLiteral("text/html")));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.headers(), HeaderList());  // a value without a name is not sent...
    QVERIFY(!model.problem().isEmpty());      // ...and is reported
    QVERIFY(model.setData(model.index(0, 0), QStringLiteral(" Accept ")));
    QCOMPARE(model.headers(), (HeaderList{{"Accept", "text/html"}}));
    QVERIFY(model.setData(model.index(0, 0), QStringLiteral("Bad Name")));
    QVERIFY(model.problem().contains(QLatin1String("Bad Name")));
}

void TestRequestEditor::roundTrip_requestIsUnchanged_data()
{
    QTest::addColumn<RequestSpec>("request");
    QTest::newRow("get") << spec("GET", "https://example.com/a?b=c#frag");
    QTest::newRow("encoded") << spec("GET", "http://x/a%20b/%2F?q=%26&r=%E2%9C%93");
    QTest::newRow("idn, port, user") << spec("GET", "https://u@bücher.example:8443/ä");
    QTest::newRow("headers, duplicates")
        << spec("GET", "http://localhost:8080/",
                {{"Accept", "*/*"}, {"X-Dup", "1"}, {"X-Dup", "2"}, {"X-Empty", ""}});
    QTest::newRow("json") << spec("POST", "https://api.example.com/v1",
                                  {{"Content-Type", "application/json"}}, R"({"a": "é"})");
    QTest::newRow("form as fields") << spec("POST", "http://x/login", {}, "user=al%20ice&pw=%26x", true);
    QTest::newRow("form as text (plus sign)") << spec("POST", "http://x/", {}, "a=1+2&b", true);
    QTest::newRow("binary body") << spec("PUT", "http://x/", {}, QByteArray("\xff\x00\x01", 3), false, true);
    QTest::newRow("authorization row")
        << spec("DELETE", "http://x/item/1", {{"Authorization", "Basic eDp5"}});
    QTest::newRow("custom method") << spec("PROPFIND", "http://x/dav/", {{"Depth", "1"}}, {}, false, true);
    QTest::newRow("empty form") << spec("POST", "http://x/", {}, {}, true);
}

void TestRequestEditor::roundTrip_requestIsUnchanged()
{
    QFETCH(RequestSpec, request);
    RequestEditor editor;
    editor.setRequest(request);
    QCOMPARE(dump(editor.request()), dump(request));
    QCOMPARE(editor.validationError(), QString());
    const RequestSpec first = editor.request();
    RequestEditor other;
    other.setRequest(first);
    QCOMPARE(dump(other.request()), dump(first));
}

void TestRequestEditor::roundTrip_options_data()
{
    QTest::addColumn<Options>("options");
    QTest::newRow("defaults") << Options();
    Options curl;
    curl.profile = Profile::Curl;
    curl.maxRedirects = 0;
    curl.keepPostOn30x = true;
    curl.locationTrusted = true;
    curl.cookieJar = true;
    curl.acceptTlsErrors = true;
    curl.timeoutMs = 2500;
    curl.resolve = {QStringLiteral("a.example:443:127.0.0.1,[::1]"), QStringLiteral("*:80:10.0.0.1")};
    curl.tls = {QStringLiteral("{{certs}}/ca.pem"), QStringLiteral("client.p12"), QStringLiteral("P12"),
                QString(), QStringLiteral("{{p12Password}}")};
    curl.connectTo = {QStringLiteral("a.example::b.example:8443")};
    QTest::newRow("curl, all set") << curl;
    Options strict;
    strict.profile = Profile::Strict;
    strict.maxRedirects = 7;
    strict.cookieJar = false;
    strict.loopDetect = false;
    strict.trustedHosts = QStringList{QStringLiteral("a.example"), QStringLiteral("b.example")};
    strict.hstsPreload = QStringList{QStringLiteral("hsts.example")};
    strict.bodyPreviewCap = 1000;
    strict.timeoutMs = 1;
    QTest::newRow("strict") << strict;
    Options link;
    link.context.from = QUrl(QStringLiteral("https://other.example/page?q=1"));
    link.context.referrerPolicy = ReferrerPolicy::UnsafeUrl;
    link.presetCookies = {{QUrl(QStringLiteral("https://shop.example/")), "sid=1; SameSite=Strict"},
                          {QUrl(QStringLiteral("http://127.0.0.1:8080/a")), "b=2"}};
    link.userAgent = QStringLiteral("MyAgent/1.0");
    link.acceptLanguage = "de-DE,de;q=0.9";
    link.refreshLimitMs = 1500;
    link.waitForRefresh = true;
    QTest::newRow("link from a page, preset cookies") << link;
    Options script = link;
    script.context.userActivated = false;
    script.context.referrerPolicy.reset();
    script.presetCookies.clear();
    QTest::newRow("script on a page") << script;
    Options fetch;
    fetch.context.from = QUrl(QStringLiteral("http://127.0.0.1:9/app"));
    fetch.context.mode = RequestMode::Fetch;
    fetch.context.credentials = CredentialsMode::Include;
    QTest::newRow("fetch, credentials include") << fetch;
}

void TestRequestEditor::roundTrip_options()
{
    QFETCH(Options, options);
    RequestEditor editor;
    editor.setOptions(options);
    QCOMPARE(dump(editor.options()), dump(options));
}

// The address rules (curl's --resolve and --connect-to): a rule that does not read is named in its field's
// tooltip as the engine would refuse it, and the field is marked until it is fixed.
void TestRequestEditor::options_addressRulesChecked()
{
    RequestEditor editor;
    RequestOptionsPane *pane = editor.optionsPane();
    QLineEdit *resolve = nullptr;
    for (QLineEdit *edit : pane->findChildren<QLineEdit *>()) {
        if (edit->placeholderText().contains(QLatin1String("203.0.113.7")))
            resolve = edit;
    }
    QVERIFY(resolve);
    const QColor normal = resolve->palette().color(QPalette::Text);
    QSignalSpy changed(pane, &RequestOptionsPane::changed);
    resolve->setText(QStringLiteral("a.example:443:127.0.0.1 b.example:443:localhost"));
    QVERIFY(changed.count() > 0);
    QCOMPARE(resolve->toolTip(),
             QStringLiteral("--resolve 'b.example:443:localhost': 'localhost' is not an IP "
                            "address (HOST:PORT:ADDRESS[,ADDRESS...], an IPv6 address in "
                            "brackets)"));
    QVERIFY(resolve->palette().color(QPalette::Text) != normal);
    QCOMPARE(pane->options().resolve, (QStringList{QStringLiteral("a.example:443:127.0.0.1"),
                                                   QStringLiteral("b.example:443:localhost")}));
    resolve->setText(QStringLiteral("a.example:443:127.0.0.1  b.example:443:[::1],10.0.0.2"));
    QVERIFY2(resolve->toolTip().startsWith(QLatin1String("curl's --resolve")),
             qPrintable(resolve->toolTip()));
    QCOMPARE(resolve->palette().color(QPalette::Text), normal);
}

// The proxy fields: the placeholder says where the profile takes a proxy from, "none" stands for a direct
// connection, a proxy that cannot be used is marked with the reason as its tooltip, and the options
// round-trip.
void TestRequestEditor::options_proxy()
{
    RequestEditor editor;
    RequestOptionsPane *pane = editor.optionsPane();
    QLineEdit *proxy = nullptr;
    QLineEdit *noProxy = nullptr;
    for (QLineEdit *edit : pane->findChildren<QLineEdit *>()) {
        if (edit->placeholderText() == QLatin1String("the system's proxy settings"))
            proxy = edit;
        else if (edit->placeholderText().startsWith(QLatin1String("localhost, .internal")))
            noProxy = edit;
    }
    QVERIFY(proxy);  // the browser profile's placeholder
    QVERIFY(noProxy);
    Options o = pane->options();
    QVERIFY(!o.proxy);
    o.profile = Profile::Curl;
    pane->setOptions(o);
    QCOMPARE(proxy->placeholderText(), QStringLiteral("from http_proxy, https_proxy, all_proxy"));
    proxy->setText(QStringLiteral("none"));
    QCOMPARE(pane->options().proxy, std::optional<QString>(QString()));
    proxy->setText(QStringLiteral("socks5h://127.0.0.1:1080"));
    noProxy->setText(QStringLiteral("localhost"));
    QCOMPARE(pane->options().proxy, std::optional<QString>(QStringLiteral("socks5h://127.0.0.1:1080")));
    QCOMPARE(pane->options().noProxy, std::optional<QString>(QStringLiteral("localhost")));
    QVERIFY(proxy->accessibleDescription().isEmpty());
    proxy->setText(QStringLiteral("ftp://p.test"));
    QVERIFY(proxy->toolTip().contains(QLatin1String("the scheme ftp:// is not supported")));
    QCOMPARE(proxy->accessibleDescription(), proxy->toolTip());
    // A case's options come back as they were set.
    o.proxy = QString();
    o.noProxy = QStringLiteral("a.test");
    pane->setOptions(o);
    QCOMPARE(proxy->text(), QStringLiteral("none"));
    QCOMPARE(pane->options(), o);
}

// The HTTP version: the profile's default (HTTP/2 when the server chooses it), --http1.1 or --http2, kept
// with the case, and an edit is a change.
void TestRequestEditor::options_httpVersion()
{
    RequestEditor editor;
    RequestOptionsPane *pane = editor.optionsPane();
    QComboBox *version = nullptr;
    for (QComboBox *box : pane->findChildren<QComboBox *>()) {
        if (box->findData(int(HttpVersion::Http1_1)) >= 0 && box->count() == 3
            && box->itemText(1).contains(QLatin1String("--http1.1")))
            version = box;
    }
    QVERIFY(version);
    QCOMPARE(pane->options().httpVersion, HttpVersion::Default);
    QSignalSpy changed(pane, &RequestOptionsPane::changed);
    version->setCurrentIndex(version->findData(int(HttpVersion::Http2)));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(pane->options().httpVersion, HttpVersion::Http2);
    Options o = pane->options();
    o.httpVersion = HttpVersion::Http1_1;
    pane->setOptions(o);
    QCOMPARE(version->currentText(), QStringLiteral("HTTP/1.1 only (--http1.1)"));
    QCOMPARE(pane->options(), o);
}

// The TLS files are read as the engine will read them: what stops one is said in the tooltip of the field
// it is about, which is marked until it is fixed.
void TestRequestEditor::options_tlsFilesChecked()
{
    RequestEditor editor;
    RequestOptionsPane *pane = editor.optionsPane();
    QLineEdit *ca = nullptr;
    QLineEdit *cert = nullptr;
    QLineEdit *key = nullptr;
    for (QLineEdit *edit : pane->findChildren<QLineEdit *>()) {
        const QString placeholder = edit->placeholderText();
        if (placeholder == QLatin1String("the system's CAs"))
            ca = edit;
        else if (placeholder.startsWith(QLatin1String("none (PEM")))
            cert = edit;
        else if (placeholder == QLatin1String("in the certificate's file"))
            key = edit;
    }
    QVERIFY(ca && cert && key);
    const QColor normal = cert->palette().color(QPalette::Text);
    const QString dir = QStringLiteral(RWB_TEST_CERT_DIR);
    cert->setText(dir + QStringLiteral("/localhost.crt"));
    QVERIFY2(cert->toolTip().contains(QLatin1String("give the key's file with --key")),
             qPrintable(cert->toolTip()));
    QVERIFY(cert->palette().color(QPalette::Text) != normal);
    QCOMPARE(key->palette().color(QPalette::Text), normal);
    key->setText(dir + QStringLiteral("/localhost.key"));
    QVERIFY2(cert->toolTip().startsWith(QLatin1String("curl's --cert")), qPrintable(cert->toolTip()));
    QCOMPARE(cert->palette().color(QPalette::Text), normal);
    QCOMPARE(pane->options().tls.clientKey, dir + QStringLiteral("/localhost.key"));
    // A CA file that is not there is named in its own field.
    ca->setText(dir + QStringLiteral("/missing.pem"));
    QVERIFY2(ca->toolTip().contains(QLatin1String("missing.pem")), qPrintable(ca->toolTip()));
    QVERIFY(ca->palette().color(QPalette::Text) != normal);
    QCOMPARE(cert->palette().color(QPalette::Text), normal);
    // A name with a {{variable}} is read when the case runs, not now.
    ca->setText(QStringLiteral("{{certs}}/ca.pem"));
    QCOMPARE(ca->palette().color(QPalette::Text), normal);
    QCOMPARE(pane->options().tls.caCertificates, QStringLiteral("{{certs}}/ca.pem"));
}

void TestRequestEditor::context_summaryAndCookieErrors()
{
    RequestEditor editor;
    editor.show();
    auto *summary = editor.findChild<QLabel *>(QStringLiteral("contextSummary"));
    QVERIFY(summary);
    QVERIFY(!summary->isVisible());  // typed, nothing preset: nothing to say
    Options o;
    o.context.from = QUrl(QStringLiteral("https://other.example/page"));
    editor.setOptions(o);
    QVERIFY(summary->isVisible());
    QVERIFY2(summary->text().contains(QLatin1String("link or form on https://other.example/page")),
             qPrintable(summary->text()));
    o.profile = Profile::Curl;  // curl has no request context
    editor.setOptions(o);
    QVERIFY(!summary->isVisible());

    auto *pane = editor.findChild<RequestContextPane *>();
    QVERIFY(pane);
    auto *cookies = pane->findChild<QPlainTextEdit *>();
    QVERIFY(cookies);
    QSignalSpy changed(&editor, &RequestEditor::changed);
    cookies->setPlainText(
        QStringLiteral("https://a.example/ a=1\nnot-a-url b=2\nhttps://b.example/ novalue"));
    QVERIFY(changed.count() > 0);
    const QStringList errors = pane->presetCookieErrors();
    QCOMPARE(errors.size(), 2);
    QVERIFY2(errors.at(0).startsWith(QLatin1String("Line 2:")), qPrintable(errors.at(0)));
    QVERIFY2(errors.at(1).startsWith(QLatin1String("Line 3:")), qPrintable(errors.at(1)));
    QCOMPARE(editor.options().presetCookies.size(), 1);  // the good line is kept
}

void TestRequestEditor::auth_basicProducesExactHeader()
{
    RequestEditor editor;
    editor.setRequest(spec("GET", "http://x/", {{"Accept", "*/*"}}));
    editor.tabs()->setCurrentIndex(2);
    auto *kind = editor.tabs()->widget(2)->findChild<QComboBox *>();
    kind->setCurrentIndex(1);
    QTest::keyClicks(editor.findChild<QLineEdit *>(QStringLiteral("authUser")), QStringLiteral("user"));
    QTest::keyClicks(editor.findChild<QLineEdit *>(QStringLiteral("authPassword")), QStringLiteral("pass"));
    QCOMPARE(editor.findChild<QLineEdit *>(QStringLiteral("authPreview"))->text(),
             QStringLiteral("Authorization: Basic dXNlcjpwYXNz"));
    QCOMPARE(editor.request().headers,
             (HeaderList{{"Authorization", "Basic dXNlcjpwYXNz"}, {"Accept", "*/*"}}));
    editor.setBearerAuth(QStringLiteral("t0k"));
    QCOMPARE(editor.request().headers.first(), HeaderPair("Authorization", "Bearer t0k"));
    editor.setBasicAuth(QStringLiteral("a:b"), QStringLiteral("c"));
    QCOMPARE(editor.validationError(), QStringLiteral("Auth: the user name cannot contain a colon"));
}

void TestRequestEditor::auth_headersRowWins()
{
    RequestEditor editor;
    editor.setRequest(spec("GET", "http://x/", {{"authorization", "Bearer row"}}));
    editor.setBasicAuth(QStringLiteral("u"), QStringLiteral("p"));
    QCOMPARE(editor.request().headers, (HeaderList{{"authorization", "Bearer row"}}));
    editor.headerModel()->setRowEnabled(0, false);  // unticked: the Auth tab's header goes again
    QCOMPARE(editor.request().headers, (HeaderList{{"Authorization", "Basic dTpw"}}));
}

void TestRequestEditor::body_formFieldsAreUrlencoded()
{
    RequestEditor editor;
    editor.setRequest(spec("POST", "http://x/"));
    RequestBodyPane *body = editor.bodyPane();
    body->setMode(RequestBodyPane::Mode::Form);
    HeaderEditModel *form = body->formModel();
    form->appendRow("q", "a b&c=d");
    form->appendRow("skip", "me", false);
    form->appendRow("é", "✓");
    const RequestSpec r = editor.request();
    QCOMPARE(r.body, QByteArray("q=a%20b%26c%3Dd&%C3%A9=%E2%9C%93"));
    QVERIFY(r.formBody);
    QCOMPARE(r.headers, HeaderList());  // the client adds the urlencoded Content-Type itself
    // Text with a content type adds that header; the urlencoded type stays a form body.
    body->setText(QStringLiteral("{}"));
    body->setContentType(QStringLiteral("application/json"));
    QCOMPARE(editor.request().headers, (HeaderList{{"Content-Type", "application/json"}}));
    QVERIFY(!editor.request().formBody);
    body->setContentType(QStringLiteral("application/x-www-form-urlencoded"));
    QVERIFY(editor.request().formBody);
    QCOMPARE(editor.request().headers, HeaderList());
}

void TestRequestEditor::body_fileIsReadAtRequestTime()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("body.bin"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray("first\x00", 6));
    file.close();

    RequestEditor editor;
    editor.setRequest(spec("PUT", "http://x/upload"));
    editor.bodyPane()->setFilePath(path);
    editor.bodyPane()->setContentType(QStringLiteral("application/octet-stream"));
    QCOMPARE(editor.validationError(), QString());
    QCOMPARE(editor.request().body, QByteArray("first\x00", 6));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("second");
    file.close();
    QCOMPARE(editor.request().body, QByteArray("second"));
    QCOMPARE(editor.request().headers, (HeaderList{{"Content-Type", "application/octet-stream"}}));

    editor.bodyPane()->setFilePath(dir.filePath(QStringLiteral("missing")));
    QVERIFY2(editor.validationError().startsWith(QLatin1String("Body: cannot read")),
             qPrintable(editor.validationError()));
    editor.bodyPane()->setFilePath(QString());
    QCOMPARE(editor.validationError(), QStringLiteral("Body: choose a file to send"));
}

void TestRequestEditor::validation_badUrlsTyped_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("error");
    QTest::newRow("good") << QStringLiteral("https://example.com/x?y") << QString();
    QTest::newRow("ip and port") << QStringLiteral("http://127.0.0.1:8080") << QString();
    QTest::newRow("ftp") << QStringLiteral("ftp://example.com/")
                         << QStringLiteral("URL: scheme must be http or https");
    QTest::newRow("host:port") << QStringLiteral("localhost:80")
                               << QStringLiteral("URL: scheme must be http or https");
    QTest::newRow("no host") << QStringLiteral("http:///path") << QStringLiteral("URL: no host");
    QTest::newRow("no scheme") << QStringLiteral("example.com/a")
                               << QStringLiteral("URL: not a URL: start it with http:// or https://");
    QTest::newRow("bad host") << QStringLiteral("http://exa mple.com/") << QStringLiteral("URL: not a URL");
}

void TestRequestEditor::validation_badUrlsTyped()
{
    QFETCH(QString, typed);
    QFETCH(QString, error);
    RequestEditor editor;
    QTest::keyClicks(editor.urlEdit(), typed);
    QCOMPARE(editor.urlEdit()->text(), typed);
    QCOMPARE(editor.validationError(), error);
    // The field shows it: a warning icon whose tooltip names the problem.
    const QList<QAction *> actions = editor.urlEdit()->actions();
    const bool shown = std::any_of(actions.cbegin(), actions.cend(), [&](QAction *a) {
        return a->isVisible() && !error.isEmpty() && a->toolTip() == error;
    });
    QCOMPARE(shown, !error.isEmpty());
}

void TestRequestEditor::paste_curlFillsEverything()
{
    RequestEditor editor;
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QSignalSpy imported(&editor, &RequestEditor::curlImported);
    QSignalSpy changed(&editor, &RequestEditor::changed);
    QApplication::clipboard()->setText(
        QStringLiteral("$ curl -X POST 'https://api.example.com/v1/items?x=1' \\\n"
                       "  -H 'Accept: application/json' \\\n"
                       "  -H 'X-Trace: on' \\\n"
                       "  -d 'name=box' -d 'size=2' \\\n"
                       "  -u 'user:pass' -b 'session=abc; theme=dark' -k -L\n"));
    editor.urlEdit()->setFocus();
    QTest::keySequence(editor.urlEdit(), QKeySequence::Paste);

    QCOMPARE(imported.size(), 1);
    QCOMPARE(
        imported.first().first().toString(),
        QStringLiteral("Imported curl command: POST https://api.example.com/v1/items?x=1 with 4 headers"));
    QVERIFY(changed.size() >= 1);
    QCOMPARE(editor.urlEdit()->text(), QStringLiteral("https://api.example.com/v1/items?x=1"));
    QCOMPARE(editor.methodBox()->currentText(), QStringLiteral("POST"));
    QCOMPARE(editor.authorization(), QByteArray("Basic dXNlcjpwYXNz"));  // -u went to the Auth tab
    QCOMPARE(editor.headerModel()->headers(),
             (HeaderList{
                 {"Cookie", "session=abc; theme=dark"}, {"Accept", "application/json"}, {"X-Trace", "on"}}));
    QCOMPARE(editor.bodyPane()->mode(), RequestBodyPane::Mode::Form);
    // What is sent is exactly what curl would have asked for.
    QCOMPARE(dump(editor.request()), dump(editor.lastCurlCommand()->request));
    const Options o = editor.options();
    QCOMPARE(o.profile, Profile::Curl);
    QVERIFY(o.acceptTlsErrors);
    QVERIFY(editor.lastCurlCommand()->followRedirects);
    QVERIFY(editor.request().customMethod);
}

void TestRequestEditor::paste_badCurlIsRejectedAndChangesNothing()
{
    RequestEditor editor;
    const RequestSpec before = spec("PUT", "http://x/keep", {{"A", "1"}}, "body");
    editor.setRequest(before);
    QSignalSpy rejected(&editor, &RequestEditor::curlRejected);
    QSignalSpy imported(&editor, &RequestEditor::curlImported);
    QApplication::clipboard()->setText(QStringLiteral("curl -F 'file=@x' \\\n  https://example.com/"));
    QTest::keySequence(editor.urlEdit(), QKeySequence::Paste);
    QCOMPARE(rejected.size(), 1);
    QVERIFY2(rejected.first().first().toString().contains(QLatin1String("multipart")),
             qPrintable(rejected.first().first().toString()));
    QCOMPARE(imported.size(), 0);
    QCOMPARE(dump(editor.request()), dump(before));
    QCOMPARE(editor.urlEdit()->text(), QStringLiteral("http://x/keep"));
}

void TestRequestEditor::paste_plainTextIsInserted()
{
    RequestEditor editor;
    QSignalSpy rejected(&editor, &RequestEditor::curlRejected);
    QApplication::clipboard()->setText(QStringLiteral("http://pasted.example/"));
    QTest::keySequence(editor.urlEdit(), QKeySequence::Paste);
    QCOMPARE(editor.urlEdit()->text(), QStringLiteral("http://pasted.example/"));
    QCOMPARE(rejected.size(), 0);
}

void TestRequestEditor::paste_shiftInsertAndContextMenu()
{
    RequestEditor editor;
    QSignalSpy imported(&editor, &RequestEditor::curlImported);
    QApplication::clipboard()->setText(QStringLiteral("curl https://a.example/"));
    QTest::keyClick(editor.urlEdit(), Qt::Key_Insert, Qt::ShiftModifier);
    QCOMPARE(imported.size(), 1);
    QCOMPARE(editor.urlEdit()->text(), QStringLiteral("https://a.example/"));

    // The context menu's Paste goes through the same check.
    QApplication::clipboard()->setText(QStringLiteral("curl \\\n  https://b.example/"));
    QContextMenuEvent menuEvent(QContextMenuEvent::Keyboard, QPoint(5, 5),
                                editor.urlEdit()->mapToGlobal(QPoint(5, 5)));
    QApplication::sendEvent(editor.urlEdit(), &menuEvent);
    QMenu *menu = nullptr;
    QTRY_VERIFY((menu = qobject_cast<QMenu *>(QApplication::activePopupWidget())) != nullptr);
    QAction *paste = nullptr;
    for (QAction *a : menu->actions()) {
        if (a->text().startsWith(QLatin1String("&Paste")))
            paste = a;
    }
    QVERIFY(paste);
    paste->trigger();
    menu->close();
    QCOMPARE(imported.size(), 2);
    QCOMPARE(editor.urlEdit()->text(), QStringLiteral("https://b.example/"));
}

void TestRequestEditor::headersTab_keyboardAddsAndRemovesRows()
{
    RequestEditor editor;
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.setRequest(spec("GET", "http://x/", {{"A", "1"}, {"B", "2"}}));
    auto *view = editor.tabs()->widget(0)->findChild<QTableView *>();
    view->setFocus();
    view->setCurrentIndex(editor.headerModel()->index(0, 1));
    QTest::keyClick(view, Qt::Key_Delete);
    QCOMPARE(editor.request().headers, (HeaderList{{"B", "2"}}));
    QTest::keyClick(view, Qt::Key_Insert);  // starts editing the name in the empty last row
    QTRY_VERIFY(QApplication::focusWidget() != view);
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("X-New"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);  // the view commits it queued
    QTRY_COMPARE(editor.request().headers, (HeaderList{{"B", "2"}, {"X-New", ""}}));
    QCOMPARE(editor.headerModel()->rowCount(), 3);
}

void TestRequestEditor::recentUrls_mostRecentFirstAtMost20()
{
    RequestEditor editor;
    for (int i = 0; i < 25; ++i)
        editor.addRecentUrl(QStringLiteral("http://h%1/").arg(i));
    editor.addRecentUrl(QStringLiteral("http://h10/"));
    const QStringList urls = editor.recentUrls();
    QCOMPARE(urls.size(), 20);
    QCOMPARE(urls.first(), QStringLiteral("http://h10/"));
    QCOMPARE(urls.at(1), QStringLiteral("http://h24/"));
    QCOMPARE(urls.count(QStringLiteral("http://h10/")), 1);
    QVERIFY(editor.urlEdit()->completer());
    QCOMPARE(editor.urlEdit()->completer()->model()->rowCount(), 20);
}

void TestRequestEditor::options_profileNamesItsDefaults()
{
    RequestEditor editor;
    Options o;
    o.profile = Profile::Curl;
    editor.setOptions(o);
    auto *limit = editor.optionsPane()->findChild<QSpinBox *>();
    QCOMPARE(limit->text(), QStringLiteral("profile default (50)"));
    QCOMPARE(editor.options().redirectLimit(), 50);
    limit->setValue(3);
    QCOMPARE(editor.options().maxRedirects, std::optional<int>(3));
    auto *profile = editor.optionsPane()->findChild<QComboBox *>();
    profile->setCurrentIndex(profile->findText(QStringLiteral("browser")));
    limit->setValue(limit->minimum());
    QCOMPARE(limit->text(), QStringLiteral("profile default (20)"));
    QCOMPARE(editor.options().maxRedirects, std::nullopt);
}

void TestRequestEditor::barWidget_comesAfterUrlInTabOrder()
{
    RequestEditor editor;
    auto *run = new QPushButton(QStringLiteral("Run"));
    editor.addBarWidget(run);
    QWidget *w = editor.urlEdit();
    // Follow the focus chain from the URL field: the button comes before the tabs.
    while (w != run && w != editor.tabs())
        w = w->nextInFocusChain();
    QCOMPARE(w, run);
}

// Issue 13, item 9: Chrome's "Copy as cURL" is a browser's request: it is traced with the browser profile
// (it was switched to curl's rules), and --compressed is honoured, not dropped in silence.
void TestRequestEditor::chromeCopyKeepsTheBrowserProfile()
{
    RequestEditor editor;
    QSignalSpy imported(&editor, &RequestEditor::curlImported);
    QVERIFY(editor.importCurl(QStringLiteral(
        "curl 'https://example.test/account?session=1' -H 'accept: text/html' -H 'sec-fetch-mode: navigate' "
        "-H 'user-agent: Mozilla/5.0 (X11; Linux x86_64)' -b 'sid=1' --compressed")));
    QCOMPARE(editor.options().profile, Profile::Browser);
    QVERIFY(editor.options().compressed);
    QCOMPARE(imported.size(), 1);
    const QString summary = imported.first().first().toString();
    QVERIFY2(summary.contains(QLatin1String("browser profile")), qPrintable(summary));
    QVERIFY2(!summary.contains(QLatin1String("--compressed")), qPrintable(summary));
    QVERIFY2(!summary.contains(QLatin1String("without -L")), qPrintable(summary));
    // A command written for curl stays with curl's rules, and asks for compression as curl does.
    QVERIFY(editor.importCurl(QStringLiteral("curl -L --compressed http://example.test/")));
    QCOMPARE(editor.options().profile, Profile::Curl);
    QVERIFY(editor.options().compressed);
    QVERIFY(!imported.last().first().toString().contains(QLatin1String("ignored")));
}

// Issue 13, item 11: with "Form fields" chosen the Content-Type row showed the Text page's
// application/json greyed out; it now says what a form sends.
void TestRequestEditor::formFieldsShowTheFormType()
{
    RequestEditor editor;
    RequestBodyPane *pane = editor.bodyPane();
    auto *note = pane->findChild<QLabel *>(QStringLiteral("contentTypeNote"));
    QVERIFY(note);
    pane->setMode(RequestBodyPane::Mode::Form);
    QVERIFY(note->isVisibleTo(pane));
    QVERIFY(note->text().startsWith(QLatin1String("application/x-www-form-urlencoded")));
    const QList<QComboBox *> boxes = pane->findChildren<QComboBox *>();
    for (QComboBox *box : boxes) {
        if (box->isVisibleTo(pane))
            QVERIFY2(!box->currentText().contains(QLatin1String("json")), qPrintable(box->currentText()));
    }
    pane->setMode(RequestBodyPane::Mode::Text);
    QVERIFY(!note->isVisibleTo(pane));
    pane->setMode(RequestBodyPane::Mode::None);
    QVERIFY(note->text().startsWith(QLatin1String("none")));
}

void TestRequestEditor::enter_onCurlTextImports()
{
    RequestEditor editor;
    QSignalSpy imported(&editor, &RequestEditor::curlImported);
    QTest::keyClicks(editor.urlEdit(), QStringLiteral("curl -I http://example.com/"));
    QCOMPARE(imported.size(), 0);
    QTest::keyClick(editor.urlEdit(), Qt::Key_Return);
    QCOMPARE(imported.size(), 1);
    QVERIFY(imported.first().first().toString().contains(QLatin1String("without -L")));
    QCOMPARE(editor.request().method, QByteArray("HEAD"));
    QCOMPARE(editor.urlEdit()->text(), QStringLiteral("http://example.com/"));
}

void TestRequestEditor::edit_emitsChanged()
{
    RequestEditor editor;
    QSignalSpy changed(&editor, &RequestEditor::changed);
    editor.setRequest(spec("GET", "http://x/"));
    QCOMPARE(changed.size(), 0);  // filling programmatically is not an edit
    QTest::keyClicks(editor.urlEdit(), QStringLiteral("y"));
    QCOMPARE(changed.size(), 1);
    editor.headerModel()->setData(editor.headerModel()->index(0, 0), QStringLiteral("X-A"));
    QCOMPARE(changed.size(), 2);
    editor.optionsPane()->setKeepMethod(true);  // a setter is quiet too
    QCOMPARE(changed.size(), 2);
}

void TestRequestEditor::render_eachTab()
{
    // Renders each tab to the build folder's screenshots/ (or RWB_RENDER_DIR) for a person to look at.
    RequestEditor editor;
    editor.resize(720, 420);
    editor.setRequest(
        spec("POST", "https://example.com/login", {{"Accept", "*/*"}, {"X-Off", "1"}}, "user=a&pw=b", true));
    editor.headerModel()->setRowEnabled(1, false);
    editor.setBasicAuth(QStringLiteral("user"), QStringLiteral("pass"));
    Options context;
    context.context.from = QUrl(QStringLiteral("https://other.example/checkout/page.html"));
    context.presetCookies = {{QUrl(QStringLiteral("https://example.com/")), "sid=42; SameSite=Lax"}};
    editor.setOptions(context);
    const QString dir = RwbTest::screenshotDir();
    for (int i = 0; i < editor.tabs()->count(); ++i) {
        editor.tabs()->setCurrentIndex(i);
        const QPixmap shot = editor.grab();
        QVERIFY(!shot.isNull());
        QVERIFY(shot.save(QStringLiteral("%1/requesteditor-%2.png").arg(dir).arg(i)));
    }
    editor.tabs()->setCurrentIndex(0);
    editor.urlEdit()->setText(QStringLiteral("ftp://nope"));
    QVERIFY(editor.grab().save(dir + QStringLiteral("/requesteditor-invalid.png")));
    const QImage lightField = editor.urlEdit()->grab().toImage();
    const QColor lightFrame = lightField.pixelColor(1, lightField.height() / 2);
    QVERIFY2(lightFrame.red() > lightFrame.green() + 80, qPrintable(lightFrame.name()));

    // A dark palette: the invalid URL's tint and the unticked row must stay readable.
    const QPalette light = QApplication::palette();
    QApplication::setPalette(RwbTest::darkPalette());
    RequestEditor darkEditor;  // made under the dark palette, as after a restart in dark mode
    darkEditor.resize(720, 300);
    darkEditor.setRequest(editor.request());
    darkEditor.headerModel()->setRowEnabled(1, false);
    darkEditor.urlEdit()->setText(QStringLiteral("ftp://nope"));
    const QImage field = darkEditor.urlEdit()->grab().toImage();
    const QColor frame = field.pixelColor(1, field.height() / 2);
    QVERIFY2(frame.red() > frame.green() + 80, qPrintable(frame.name()));
    QVERIFY(darkEditor.grab().save(dir + QStringLiteral("/requesteditor-dark.png")));
    QApplication::setPalette(light);
}

QTEST_MAIN(TestRequestEditor)
#include "tst_requesteditor.moc"
