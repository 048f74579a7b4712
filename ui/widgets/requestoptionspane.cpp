#include "widgets/requestoptionspane.h"

#include "core/engine/tlsmaterial.h"
#include "core/http/addressmap.h"
#include "workbench/theme.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStyle>

#include <cmath>

namespace Rwb {

namespace {

QStringList splitHosts(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

// A --resolve rule holds commas (its addresses): rules are separated by white space only.
QStringList splitRules(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("\\s+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

QString onOff(bool on)
{
    return on ? RequestOptionsPane::tr("on") : RequestOptionsPane::tr("off");
}

}  // namespace

RequestOptionsPane::RequestOptionsPane(QWidget *parent)
    : QWidget(parent)
    , m_profile(new QComboBox(this))
    , m_description(new QLabel(this))
    , m_limit(new QSpinBox(this))
    , m_timeout(new QDoubleSpinBox(this))
    , m_cookies(new QComboBox(this))
    , m_trusted(new QLineEdit(this))
    , m_hsts(new QLineEdit(this))
    , m_resolve(new QLineEdit(this))
    , m_connectTo(new QLineEdit(this))
    , m_proxy(new QLineEdit(this))
    , m_noProxy(new QLineEdit(this))
    , m_httpVersion(new QComboBox(this))
    , m_caFile(new QLineEdit(this))
    , m_certFile(new QLineEdit(this))
    , m_keyFile(new QLineEdit(this))
    , m_certPassword(new QLineEdit(this))
    , m_tls(new QCheckBox(tr("Accept &TLS errors (curl -k)"), this))
    , m_loop(new QCheckBox(tr("Stop at the first repeated request (&loop detection)"), this))
    , m_keepPost(new QCheckBox(tr("Keep &POST on 301/302/303 (curl --post301/302/303)"), this))
    , m_locationTrusted(new QCheckBox(tr("Send credentials to every host (curl --location-tr&usted)"), this))
    , m_keepMethod(new QCheckBox(tr("Keep the method on every hop (curl -&X)"), this))
    , m_compressed(new QCheckBox(tr("Ask for compressed bodies (curl --co&mpressed)"), this))
{
    for (Profile p : allProfiles())
        m_profile->addItem(profileName(p), int(p));
    m_profile->setToolTip(tr("Whose redirect rules to follow"));
    m_description->setWordWrap(true);
    m_description->setForegroundRole(QPalette::PlaceholderText);

    // The lowest value stands for "unset": the profile's own limit, named in the special text.
    m_limit->setRange(-1, 1000);
    m_limit->setToolTip(tr("How many redirects to follow before giving up"));
    m_timeout->setRange(0.001, 3600);
    m_timeout->setDecimals(3);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setToolTip(tr("How long each hop may take"));
    m_cookies->addItem(QString(), -1);
    m_cookies->addItem(tr("On"), 1);
    m_cookies->addItem(tr("Off"), 0);
    m_cookies->setToolTip(tr("Whether Set-Cookie of one hop is sent back on the next ones"));
    m_trusted->setPlaceholderText(tr("api.example.com, login.example.com"));
    m_trusted->setToolTip(tr("Hosts that may receive Authorization and Cookie headers after a redirect "
                             "to another host (comma or space separated)"));
    m_hsts->setPlaceholderText(tr("example.com"));
    m_hsts->setToolTip(tr("Hosts treated as preloaded HSTS hosts: http:// becomes https:// at once "
                          "(browser profile)"));
    m_resolve->setPlaceholderText(tr("example.com:443:203.0.113.7"));
    m_connectTo->setPlaceholderText(tr("example.com:443:staging.example.com:8443"));
    for (QLineEdit *edit : {m_resolve, m_connectTo})
        edit->setClearButtonEnabled(true);
    m_noProxy->setPlaceholderText(tr("localhost, .internal.example, 10.0.0.0/8"));
    m_noProxy->setToolTip(
        tr("curl's --noproxy: hosts reached directly (with their subdomains), addresses and "
           "networks, comma separated, or * for all"));
    for (QLineEdit *edit : {m_proxy, m_noProxy})
        edit->setClearButtonEnabled(true);
    m_httpVersion->addItem(tr("HTTP/2 when the server chooses it"), int(HttpVersion::Default));
    m_httpVersion->addItem(tr("HTTP/1.1 only (--http1.1)"), int(HttpVersion::Http1_1));
    m_httpVersion->addItem(tr("HTTP/2 required (--http2)"), int(HttpVersion::Http2));
    m_httpVersion->setToolTip(tr("https: what the client offers in ALPN. Every profile offers HTTP/2 and "
                                 "HTTP/1.1 and takes the server's choice; plain http is always HTTP/1.1"));
    m_caFile->setPlaceholderText(tr("the system's CAs"));
    m_certFile->setPlaceholderText(tr("none (PEM, DER or PKCS#12)"));
    m_keyFile->setPlaceholderText(tr("in the certificate's file"));
    m_certPassword->setPlaceholderText(tr("none"));
    m_certPassword->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    const struct {
        QLineEdit *edit;
        QString title;
    } files[] = {{m_caFile, tr("CA Certificates")},
                 {m_certFile, tr("Client Certificate")},
                 {m_keyFile, tr("Private Key")}};
    for (const auto &f : files) {
        f.edit->setClearButtonEnabled(true);
        QAction *browse =
            f.edit->addAction(style()->standardIcon(QStyle::SP_DirOpenIcon), QLineEdit::TrailingPosition);
        browse->setToolTip(tr("Choose a file…"));
        connect(browse, &QAction::triggered, this,
                [this, edit = f.edit, title = f.title] { browseFor(edit, title); });
    }
    m_tls->setToolTip(tr("Continue over certificates that do not verify"));
    m_loop->setToolTip(tr("Otherwise a redirect loop runs until the redirect limit"));
    m_keepPost->setToolTip(tr("Otherwise a POST becomes a GET (without body) after these statuses"));
    m_locationTrusted->setToolTip(tr("Otherwise credentials are dropped when a redirect leaves the host"));
    m_compressed->setToolTip(
        tr("curl sends Accept-Encoding: deflate, gzip, br, zstd; the browser profile always "
           "asks for compressed bodies"));
    m_keepMethod->setToolTip(tr("A method forced with curl's -X stays on every hop, even after 303"));

    // Two columns side by side, so that the whole pane fits the editor's default height at 1280x720:
    // what the profile does on the left, the exceptions to it on the right. The rows never overlap: the
    // tab scrolls when the editor is made smaller than this (RequestEditor puts it in a scroll area).
    auto *columns = new QHBoxLayout(this);
    auto *left = new QFormLayout;
    left->addRow(tr("&Profile:"), m_profile);
    left->addRow(QString(), m_description);
    left->addRow(tr("&Redirect limit:"), m_limit);
    left->addRow(tr("Time&out per hop:"), m_timeout);
    left->addRow(tr("&Cookie jar:"), m_cookies);
    left->addRow(tr("Resol&ve:"), m_resolve);
    left->addRow(tr("Connect t&o:"), m_connectTo);
    left->addRow(tr("Prox&y:"), m_proxy);
    left->addRow(tr("&Bypass proxy for:"), m_noProxy);
    left->addRow(tr("HTTP v&ersion:"), m_httpVersion);
    auto *right = new QFormLayout;
    right->addRow(tr("Trusted &hosts:"), m_trusted);
    right->addRow(tr("H&STS hosts:"), m_hsts);
    right->addRow(tr("C&A certificates:"), m_caFile);
    right->addRow(tr("Clie&nt certificate:"), m_certFile);
    right->addRow(tr("Private &key:"), m_keyFile);
    right->addRow(tr("Pass&word:"), m_certPassword);
    right->addRow(QString(), m_tls);
    right->addRow(QString(), m_loop);
    right->addRow(QString(), m_keepPost);
    right->addRow(QString(), m_locationTrusted);
    right->addRow(QString(), m_keepMethod);
    right->addRow(QString(), m_compressed);
    for (QFormLayout *form : {left, right}) {
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    }
    columns->addLayout(left, 1);
    columns->addSpacing(fontMetrics().averageCharWidth() * 3);
    columns->addLayout(right, 1);

    auto emitChanged = [this] {
        emit changed();
    };
    connect(m_profile, &QComboBox::currentIndexChanged, this, [this] {
        profileChanged();
        emit changed();
    });
    connect(m_limit, &QSpinBox::valueChanged, this, emitChanged);
    connect(m_timeout, &QDoubleSpinBox::valueChanged, this, emitChanged);
    connect(m_cookies, &QComboBox::currentIndexChanged, this, emitChanged);
    connect(m_httpVersion, &QComboBox::currentIndexChanged, this, emitChanged);
    connect(m_trusted, &QLineEdit::textChanged, this, emitChanged);
    connect(m_hsts, &QLineEdit::textChanged, this, emitChanged);
    for (QLineEdit *edit : {m_resolve, m_connectTo}) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            checkAddressRules();
            emit changed();
        });
    }
    for (QLineEdit *edit : {m_proxy, m_noProxy}) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            checkProxy();
            emit changed();
        });
    }
    for (QLineEdit *edit : {m_caFile, m_certFile, m_keyFile, m_certPassword}) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            checkTlsFiles();
            emit changed();
        });
    }
    for (QCheckBox *box : {m_tls, m_loop, m_keepPost, m_locationTrusted, m_keepMethod, m_compressed})
        connect(box, &QCheckBox::toggled, this, emitChanged);
    setOptions(Options());
}

RequestOptionsPane::~RequestOptionsPane() = default;

QString RequestOptionsPane::profileDescription(Profile profile)
{
    switch (profile) {
    case Profile::Browser:
        return tr("A browser navigation (Fetch, as Chromium): up to 20 redirects, POST becomes GET on "
                  "301/302/303, cookies kept.");
    case Profile::Curl:
        return tr("curl -L with its defaults: up to 50 redirects, a -X method kept on every hop, no cookies "
                  "unless asked.");
    case Profile::Strict:
        return tr("RFC 9110 without optional rewrites: up to 20 redirects, 307/308 keep the method, no "
                  "cookies.");
    }
    return {};
}

// A rule that does not read is named under its field (the tooltip) and the field is marked; such a case is
// not sent (the engine refuses it with the same message), so the mistake shows before Send.
void RequestOptionsPane::checkAddressRules()
{
    const struct {
        QLineEdit *edit;
        bool resolve;
        QString help;
    } fields[] = {
        {m_resolve, true,
         tr("curl's --resolve: HOST:PORT:ADDRESS[,ADDRESS...], space separated; the connection for HOST on "
            "PORT goes to these addresses (HOST * for any name, an IPv6 address in brackets), while the Host "
            "header and the TLS check still name HOST")},
        {m_connectTo, false,
         tr("curl's --connect-to: HOST1:PORT1:HOST2:PORT2, space separated; a request to HOST1:PORT1 "
            "connects "
            "to HOST2:PORT2 (empty parts: any, or the request's own)")},
    };
    for (const auto &f : fields) {
        QString error;
        for (const QString &rule : splitRules(f.edit->text())) {
            if (!(f.resolve ? bool(parseResolve(rule, &error)) : bool(parseConnectTo(rule, &error))))
                break;
            error.clear();
        }
        f.edit->setToolTip(error.isEmpty() ? f.help : error);
        f.edit->setAccessibleDescription(error);
        QPalette palette = this->palette();
        if (!error.isEmpty())
            palette.setColor(QPalette::Text, Theme::toneText(Theme::Tone::Danger, palette));
        f.edit->setPalette(palette);
    }
}

// The proxy's URL is read as the engine reads it; the placeholder says where the profile takes one from.
void RequestOptionsPane::checkProxy()
{
    const Options o = options();
    QString error;
    if (o.proxy && !o.proxy->contains(QLatin1String("{{")))
        proxyOptionsUsable(o, &error);
    m_proxy->setToolTip(
        error.isEmpty() ? tr("curl's --proxy: http://HOST:PORT (https goes through a CONNECT tunnel), "
                             "socks5://HOST:PORT (names looked up here) or socks5h://HOST:PORT (by the "
                             "proxy), USER:PASSWORD@ allowed; \"none\" for a direct connection, empty for "
                             "the profile's own")
                        : error);
    m_proxy->setAccessibleDescription(error);
    QPalette palette = this->palette();
    if (!error.isEmpty())
        palette.setColor(QPalette::Text, Theme::toneText(Theme::Tone::Danger, palette));
    m_proxy->setPalette(palette);
}

// The files of --cacert, --cert and --key are read as the engine will read them, and what stops them is
// said under the field (names holding {{variables}} are read when the case runs).
void RequestOptionsPane::checkTlsFiles()
{
    const TlsFiles files = options().tls;
    QString error;
    const QString all = files.caCertificates + files.clientCertificate + files.clientKey + files.password;
    const bool variables = all.contains(QLatin1String("{{"));
    if (!variables)
        loadTlsMaterial(files, &error);
    // The field the message is about: the one whose file it names, else the certificate's.
    QLineEdit *culprit = nullptr;
    if (!error.isEmpty()) {
        for (QLineEdit *edit : {m_keyFile, m_caFile, m_certFile}) {
            if (!edit->text().isEmpty() && error.contains(edit->text().trimmed()))
                culprit = edit;
        }
        if (!culprit)
            culprit = m_certFile->text().isEmpty() ? m_keyFile : m_certFile;
        if (error.contains(QLatin1String("password")) || error.contains(QLatin1String("--pass")))
            culprit = m_certPassword->text().isEmpty() ? culprit : m_certPassword;
    }
    const struct {
        QLineEdit *edit;
        QString help;
    } fields[] = {
        {m_caFile,
         tr("curl's --cacert: https servers are checked against the CA certificates in this file (PEM "
            "or DER) instead of the system's")},
        {m_certFile,
         tr("curl's --cert: the client certificate offered to https servers that ask for one (PEM "
            "with its key, DER, or PKCS#12)")},
        {m_keyFile, tr("curl's --key: the certificate's private key (PEM or DER), when it is not in the "
                       "certificate's file")},
        {m_certPassword,
         tr("curl's --pass: the password of an encrypted key or a PKCS#12 file. Saved with the "
            "session as written: write {{name}} to keep it in a variable instead")},
    };
    for (const auto &f : fields) {
        const bool bad = f.edit == culprit;
        f.edit->setToolTip(bad ? error : f.help);
        f.edit->setAccessibleDescription(bad ? error : QString());
        QPalette palette = this->palette();
        if (bad)
            palette.setColor(QPalette::Text, Theme::toneText(Theme::Tone::Danger, palette));
        f.edit->setPalette(palette);
    }
}

void RequestOptionsPane::browseFor(QLineEdit *edit, const QString &title)
{
    const QString start = edit->text().isEmpty() ? QString() : QFileInfo(edit->text()).absolutePath();
    const QString file = QFileDialog::getOpenFileName(
        this, title, start,
        tr("Certificates and keys (*.pem *.crt *.cer *.der *.key *.p12 *.pfx);;All files (*)"));
    if (!file.isEmpty())
        edit->setText(file);
}

void RequestOptionsPane::profileChanged()
{
    const Profile p = Profile(m_profile->currentData().toInt());
    m_description->setText(profileDescription(p));
    m_limit->setSpecialValueText(tr("profile default (%1)").arg(defaultRedirectLimit(p)));
    m_cookies->setItemText(0, tr("Profile default (%1)").arg(onOff(defaultCookieJar(p))));
    switch (defaultProxySource(p)) {
    case ProxySource::Environment:
        m_proxy->setPlaceholderText(tr("from http_proxy, https_proxy, all_proxy"));
        break;
    case ProxySource::System:
        m_proxy->setPlaceholderText(tr("the system's proxy settings"));
        break;
    case ProxySource::None:
        m_proxy->setPlaceholderText(tr("none"));
        break;
    }
}

Options RequestOptionsPane::options() const
{
    Options o = m_hidden;
    o.profile = Profile(m_profile->currentData().toInt());
    o.maxRedirects = m_limit->value() < 0 ? std::nullopt : std::optional<int>(m_limit->value());
    o.timeoutMs = int(std::lround(m_timeout->value() * 1000));
    const int jar = m_cookies->currentData().toInt();
    o.cookieJar = jar < 0 ? std::nullopt : std::optional<bool>(jar == 1);
    o.trustedHosts = splitHosts(m_trusted->text());
    o.hstsPreload = splitHosts(m_hsts->text());
    o.acceptTlsErrors = m_tls->isChecked();
    o.loopDetect = m_loop->isChecked();
    o.keepPostOn30x = m_keepPost->isChecked();
    o.locationTrusted = m_locationTrusted->isChecked();
    o.compressed = m_compressed->isChecked();
    o.resolve = splitRules(m_resolve->text());
    o.connectTo = splitRules(m_connectTo->text());
    const QString proxy = m_proxy->text().trimmed();
    o.proxy = proxy.isEmpty() ? std::nullopt
              : proxy.compare(QLatin1String("none"), Qt::CaseInsensitive) == 0
                  ? std::optional<QString>(QString())
                  : std::optional<QString>(proxy);
    const QString noProxy = m_noProxy->text().trimmed();
    o.noProxy = noProxy.isEmpty() ? std::nullopt : std::optional<QString>(noProxy);
    o.httpVersion = HttpVersion(m_httpVersion->currentData().toInt());
    o.tls.caCertificates = m_caFile->text().trimmed();
    o.tls.clientCertificate = m_certFile->text().trimmed();
    o.tls.clientKey = m_keyFile->text().trimmed();
    o.tls.password = m_certPassword->text();
    return o;
}

void RequestOptionsPane::setOptions(const Options &options)
{
    const QSignalBlocker blocker(this);
    m_hidden = options;
    m_profile->setCurrentIndex(m_profile->findData(int(options.profile)));
    profileChanged();
    m_limit->setValue(options.maxRedirects.value_or(-1));
    m_timeout->setValue(options.timeoutMs / 1000.0);
    m_cookies->setCurrentIndex(options.cookieJar ? (*options.cookieJar ? 1 : 2) : 0);
    m_trusted->setText(options.trustedHosts.join(QLatin1String(", ")));
    m_hsts->setText(options.hstsPreload.join(QLatin1String(", ")));
    m_resolve->setText(options.resolve.join(QLatin1Char(' ')));
    m_connectTo->setText(options.connectTo.join(QLatin1Char(' ')));
    checkAddressRules();
    m_proxy->setText(!options.proxy             ? QString()
                     : options.proxy->isEmpty() ? QStringLiteral("none")
                                                : *options.proxy);
    m_noProxy->setText(options.noProxy.value_or(QString()));
    m_httpVersion->setCurrentIndex(m_httpVersion->findData(int(options.httpVersion)));
    checkProxy();
    m_caFile->setText(options.tls.caCertificates);
    m_certFile->setText(options.tls.clientCertificate);
    m_keyFile->setText(options.tls.clientKey);
    m_certPassword->setText(options.tls.password);
    checkTlsFiles();
    m_tls->setChecked(options.acceptTlsErrors);
    m_compressed->setChecked(options.compressed);
    m_loop->setChecked(options.loopDetect);
    m_keepPost->setChecked(options.keepPostOn30x);
    m_locationTrusted->setChecked(options.locationTrusted);
}

bool RequestOptionsPane::keepMethod() const
{
    return m_keepMethod->isChecked();
}

void RequestOptionsPane::setKeepMethod(bool keep)
{
    const QSignalBlocker blocker(this);
    m_keepMethod->setChecked(keep);
}

}  // namespace Rwb
