#include "widgets/requestcontextpane.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>

#include <cmath>

namespace Rwb {

namespace {

// The ways a chain can start, as the Starts from box lists them.
enum class Start { Typed, Link, Script, Fetch };

Start startOf(const RequestContext &c)
{
    if (c.typed())
        return Start::Typed;
    if (c.mode == RequestMode::Fetch)
        return Start::Fetch;
    return c.userActivated ? Start::Link : Start::Script;
}

QList<PresetCookie> parseCookieLines(const QString &text, QStringList *errors)
{
    QList<PresetCookie> out;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines.at(i).trimmed().isEmpty())
            continue;
        QString error;
        if (const auto cookie = parsePresetCookie(lines.at(i), &error))
            out.append(*cookie);
        else if (errors)
            errors->append(RequestContextPane::tr("Line %1: %2").arg(i + 1).arg(error));
    }
    return out;
}

}  // namespace

RequestContextPane::RequestContextPane(QWidget *parent)
    : QWidget(parent)
    , m_start(new QComboBox(this))
    , m_page(new QLineEdit(this))
    , m_credentials(new QComboBox(this))
    , m_policy(new QComboBox(this))
    , m_cookies(new QPlainTextEdit(this))
    , m_cookieErrors(new QLabel(this))
    , m_userAgent(new QComboBox(this))
    , m_language(new QLineEdit(this))
    , m_refreshLimit(new QDoubleSpinBox(this))
    , m_waitRefresh(new QCheckBox(tr("&Wait the refresh delay before following"), this))
{
    m_start->addItem(tr("Typed in the address bar"), int(Start::Typed));
    m_start->addItem(tr("A link or form on a page (a click)"), int(Start::Link));
    m_start->addItem(tr("A script on a page (location = …)"), int(Start::Script));
    m_start->addItem(tr("fetch() from a page"), int(Start::Fetch));
    m_start->setToolTip(tr("Where the browser starts the request: it decides Referer, Origin, "
                           "Sec-Fetch-Site and which SameSite cookies go with it (browser profile). With a "
                           "body, a link on a page is a form submission."));
    m_page->setPlaceholderText(tr("https://other.example/page.html"));
    m_page->setToolTip(tr("The page the link, script or fetch() is on"));
    m_page->setClearButtonEnabled(true);
    for (CredentialsMode m : {CredentialsMode::SameOrigin, CredentialsMode::Include, CredentialsMode::Omit})
        m_credentials->addItem(credentialsModeName(m), int(m));
    m_credentials->setToolTip(tr("fetch()'s credentials mode: whether cookies go with the request"));
    m_policy->addItem(tr("Page default (strict-origin-when-cross-origin)"), -1);
    for (ReferrerPolicy p : allReferrerPolicies())
        m_policy->addItem(referrerPolicyName(p), int(p));
    m_policy->setToolTip(tr("The page's referrer policy; a Referrer-Policy header on a redirect changes it "
                            "for the rest of the chain"));
    m_cookies->setPlaceholderText(tr("https://shop.example/ sid=42; SameSite=Lax\n"
                                     "https://sso.example/ token=x; Secure; SameSite=None"));
    m_cookies->setToolTip(tr("Cookies the browser holds before the chain starts, one per line: the URL "
                             "whose response set it, then the Set-Cookie value"));
    m_cookies->setTabChangesFocus(true);
    m_cookies->setMinimumHeight(fontMetrics().lineSpacing() * 4);
    m_cookieErrors->setWordWrap(true);
    m_cookieErrors->setForegroundRole(QPalette::BrightText);
    m_cookieErrors->hide();
    m_userAgent->setEditable(true);
    m_userAgent->addItem(tr("Profile default"), QString());
    m_userAgent->setToolTip(tr("A preset's name or the User-Agent string itself"));
    m_userAgent->setInsertPolicy(QComboBox::NoInsert);
    m_language->setPlaceholderText(tr("profile default (en-US,en;q=0.9)"));
    m_language->setToolTip(tr("The Accept-Language the browser sends"));
    m_refreshLimit->setRange(0, 3600);
    m_refreshLimit->setDecimals(1);
    m_refreshLimit->setSuffix(tr(" s"));
    m_refreshLimit->setToolTip(tr("Refresh headers and meta refresh with a delay up to this are followed as "
                                  "hops (browser profile)"));

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Starts from:"), m_start);
    form->addRow(tr("&Page URL:"), m_page);
    form->addRow(tr("Cre&dentials:"), m_credentials);
    form->addRow(tr("&Referrer policy:"), m_policy);
    form->addRow(tr("&Cookies before:"), m_cookies);
    form->addRow(QString(), m_cookieErrors);
    form->addRow(tr("&User-Agent:"), m_userAgent);
    form->addRow(tr("Accept-&Language:"), m_language);
    form->addRow(tr("Follow re&fresh up to:"), m_refreshLimit);
    form->addRow(QString(), m_waitRefresh);

    auto emitChanged = [this] {
        emit changed();
    };
    connect(m_start, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        emit changed();
    });
    connect(m_page, &QLineEdit::textChanged, this, emitChanged);
    connect(m_credentials, &QComboBox::currentIndexChanged, this, emitChanged);
    connect(m_policy, &QComboBox::currentIndexChanged, this, emitChanged);
    connect(m_cookies, &QPlainTextEdit::textChanged, this, [this] {
        updateCookieErrors();
        emit changed();
    });
    connect(m_userAgent, &QComboBox::currentTextChanged, this, emitChanged);
    connect(m_language, &QLineEdit::textChanged, this, emitChanged);
    connect(m_refreshLimit, &QDoubleSpinBox::valueChanged, this, emitChanged);
    connect(m_waitRefresh, &QCheckBox::toggled, this, emitChanged);
    setFrom(Options());
}

RequestContextPane::~RequestContextPane() = default;

void RequestContextPane::updateEnabled()
{
    const auto start = Start(m_start->currentData().toInt());
    m_page->setEnabled(start != Start::Typed);
    m_credentials->setEnabled(start == Start::Fetch);
    m_policy->setEnabled(start != Start::Typed);
}

void RequestContextPane::updateCookieErrors()
{
    const QStringList errors = presetCookieErrors();
    m_cookieErrors->setText(errors.join(QLatin1Char('\n')));
    m_cookieErrors->setVisible(!errors.isEmpty());
}

QStringList RequestContextPane::presetCookieErrors() const
{
    QStringList errors;
    parseCookieLines(m_cookies->toPlainText(), &errors);
    return errors;
}

void RequestContextPane::applyTo(Options *options) const
{
    RequestContext c;
    const auto start = Start(m_start->currentData().toInt());
    if (start != Start::Typed) {
        const QUrl page = QUrl::fromUserInput(m_page->text().trimmed());
        c.from = page.isValid() && !page.host().isEmpty() ? page : QUrl();
    }
    c.mode = start == Start::Fetch ? RequestMode::Fetch : RequestMode::Navigate;
    c.userActivated = start != Start::Script;
    c.credentials = CredentialsMode(m_credentials->currentData().toInt());
    const int policy = m_policy->currentData().toInt();
    if (policy >= 0)
        c.referrerPolicy = ReferrerPolicy(policy);
    if (c.typed())
        c = RequestContext();  // without a page there is nothing else to say
    options->context = c;
    options->presetCookies = parseCookieLines(m_cookies->toPlainText(), nullptr);
    const QString ua = m_userAgent->currentText().trimmed();
    options->userAgent = ua == m_userAgent->itemText(0) ? QString() : ua;
    options->acceptLanguage = m_language->text().trimmed().toLatin1();
    options->refreshLimitMs = int(std::lround(m_refreshLimit->value() * 1000));
    options->waitForRefresh = m_waitRefresh->isChecked();
}

void RequestContextPane::setFrom(const Options &options)
{
    const QSignalBlocker blocker(this);
    const RequestContext &c = options.context;
    m_start->setCurrentIndex(m_start->findData(int(startOf(c))));
    m_page->setText(c.from.toString());
    m_credentials->setCurrentIndex(m_credentials->findData(int(c.credentials)));
    m_policy->setCurrentIndex(m_policy->findData(c.referrerPolicy ? int(*c.referrerPolicy) : -1));
    QStringList lines;
    for (const PresetCookie &p : options.presetCookies)
        lines.append(presetCookieText(p));
    m_cookies->setPlainText(lines.join(QLatin1Char('\n')));
    m_userAgent->setCurrentText(options.userAgent.isEmpty() ? m_userAgent->itemText(0) : options.userAgent);
    m_language->setText(QString::fromLatin1(options.acceptLanguage));
    m_refreshLimit->setValue(options.refreshLimitMs / 1000.0);
    m_waitRefresh->setChecked(options.waitForRefresh);
    updateEnabled();
    updateCookieErrors();
}

QString RequestContextPane::summary(const Options &options)
{
    if (options.profile != Profile::Browser)
        return {};
    const RequestContext &c = options.context;
    QStringList parts;
    if (!c.typed()) {
        const QString page = c.from.toDisplayString();
        switch (startOf(c)) {
        case Start::Link:
            parts << tr("Starts from a link or form on %1").arg(page);
            break;
        case Start::Script:
            parts << tr("Starts from a script on %1").arg(page);
            break;
        case Start::Fetch:
            parts << tr("fetch() from %1, credentials %2").arg(page, credentialsModeName(c.credentials));
            break;
        case Start::Typed:
            break;
        }
        if (c.referrerPolicy)
            parts << tr("referrer policy %1").arg(referrerPolicyName(*c.referrerPolicy));
    }
    if (!options.presetCookies.isEmpty())
        parts << (options.presetCookies.size() == 1
                      ? tr("1 cookie preset")
                      : tr("%1 cookies preset").arg(options.presetCookies.size()));
    return parts.join(QStringLiteral(" · "));
}

}  // namespace Rwb
