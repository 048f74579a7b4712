#include "widgets/requesteditor.h"

#include "core/http/tokens.h"
#include "widgets/headereditview.h"
#include "widgets/requestbodypane.h"
#include "widgets/requestcontextpane.h"
#include "widgets/requestmethodbox.h"
#include "widgets/requestoptionspane.h"
#include "widgets/urledit.h"
#include "workbench/headereditmodel.h"

#include <QAction>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

namespace Rwb {

namespace {

enum class AuthKind { None, Basic, Bearer };

const QByteArray kAuthorization = QByteArrayLiteral("Authorization");

}  // namespace

struct RequestEditor::Private {
    QHBoxLayout *bar = nullptr;
    QWidget *lastInBar = nullptr;
    QComboBox *method = nullptr;
    UrlEdit *url = nullptr;
    QTabWidget *tabs = nullptr;
    HeaderEditModel *headers = nullptr;
    RequestBodyPane *body = nullptr;
    RequestOptionsPane *options = nullptr;
    RequestContextPane *context = nullptr;
    QLabel *contextSummary = nullptr;
    QComboBox *authKind = nullptr;
    QLineEdit *user = nullptr;
    QLineEdit *password = nullptr;
    QLineEdit *token = nullptr;
    QFormLayout *authForm = nullptr;
    QLineEdit *authPreview = nullptr;
    QLabel *authNote = nullptr;
    std::optional<CurlCommand> lastCurl;

    QWidget *makeAuthTab(RequestEditor *q);
    QByteArray authValue() const;
    void updateAuth();
    void updateContextSummary();
};

// Under the URL bar: where the request starts, when that is not the address bar (browser profile).
void RequestEditor::Private::updateContextSummary()
{
    Options o = options->options();
    context->applyTo(&o);
    const QString text = RequestContextPane::summary(o);
    contextSummary->setText(text.isEmpty() ? QString() : QStringLiteral("↳ ") + text);
    contextSummary->setToolTip(text);
    contextSummary->setVisible(!text.isEmpty());
}

QWidget *RequestEditor::Private::makeAuthTab(RequestEditor *q)
{
    auto *page = new QWidget(q);
    authKind = new QComboBox(page);
    authKind->addItem(tr("None"), int(AuthKind::None));
    authKind->addItem(tr("Basic (user and password)"), int(AuthKind::Basic));
    authKind->addItem(tr("Bearer token"), int(AuthKind::Bearer));
    authKind->setToolTip(tr("Credentials sent as an Authorization header on the first request; whether "
                            "later hops keep them is up to the profile"));
    user = new QLineEdit(page);
    user->setObjectName(QStringLiteral("authUser"));
    user->setToolTip(tr("User name (it cannot contain a colon)"));
    password = new QLineEdit(page);
    password->setObjectName(QStringLiteral("authPassword"));
    password->setEchoMode(QLineEdit::Password);
    password->setToolTip(tr("Password"));
    auto *show = password->addAction(q->style()->standardIcon(QStyle::SP_FileDialogContentsView),
                                     QLineEdit::TrailingPosition);
    show->setCheckable(true);
    show->setToolTip(tr("Show the password"));
    QObject::connect(show, &QAction::toggled, password, [this](bool on) {
        password->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password);
    });
    token = new QLineEdit(page);
    token->setObjectName(QStringLiteral("authToken"));
    token->setToolTip(tr("The token, sent as \"Authorization: Bearer TOKEN\""));

    authPreview = new QLineEdit(page);
    authPreview->setObjectName(QStringLiteral("authPreview"));
    authPreview->setReadOnly(true);
    authPreview->setToolTip(tr("The header this tab adds to the request"));
    authNote = new QLabel(page);
    authNote->setWordWrap(true);

    auto *form = new QFormLayout(page);
    authForm = form;
    form->addRow(tr("&Type:"), authKind);
    form->addRow(tr("&User:"), user);
    form->addRow(tr("Pass&word:"), password);
    form->addRow(tr("T&oken:"), token);
    form->addRow(tr("Header:"), authPreview);
    form->addRow(authNote);
    return page;
}

QByteArray RequestEditor::Private::authValue() const
{
    switch (AuthKind(authKind->currentData().toInt())) {
    case AuthKind::None:
        return {};
    case AuthKind::Basic:
        return basicAuthorization(user->text().toUtf8() + ':' + password->text().toUtf8());
    case AuthKind::Bearer:
        return "Bearer " + token->text().trimmed().toUtf8();
    }
    return {};
}

void RequestEditor::Private::updateAuth()
{
    const auto kind = AuthKind(authKind->currentData().toInt());
    authForm->setRowVisible(user, kind == AuthKind::Basic);
    authForm->setRowVisible(password, kind == AuthKind::Basic);
    authForm->setRowVisible(token, kind == AuthKind::Bearer);
    const QByteArray value = authValue();
    authPreview->setText(value.isEmpty() ? QString()
                                         : QStringLiteral("Authorization: ") + QString::fromUtf8(value));
    const bool overridden = !value.isEmpty() && hasHeader(headers->headers(), kAuthorization);
    authNote->setText(overridden ? tr("The Headers tab sets Authorization itself: that row is sent, not this "
                                      "one.")
                                 : QString());
}

RequestEditor::RequestEditor(QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>())
{
    d->method = newRequestMethodBox(this);
    d->method->setToolTip(tr("Request method; type any other one"));
    d->method->setMinimumContentsLength(7);
    d->url = new UrlEdit(this);
    d->bar = new QHBoxLayout;
    d->bar->addWidget(d->method);
    d->bar->addWidget(d->url, 1);
    d->lastInBar = d->url;

    d->headers = new HeaderEditModel(this);
    auto *headerView = new HeaderEditView(d->headers, tr("Headers"), this);
    headerView->setSuppressible(true);
    d->body = new RequestBodyPane(this);
    d->options = new RequestOptionsPane(this);
    d->context = new RequestContextPane(this);
    d->contextSummary = new QLabel(this);
    d->contextSummary->setObjectName(QStringLiteral("contextSummary"));
    d->contextSummary->setForegroundRole(QPalette::PlaceholderText);
    d->contextSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    d->contextSummary->hide();
    d->tabs = new QTabWidget(this);
    d->tabs->addTab(headerView, tr("&Headers"));
    d->tabs->addTab(d->body, tr("B&ody"));
    d->tabs->addTab(d->makeAuthTab(this), tr("A&uth"));
    // The forms scroll rather than squeeze their rows together when the editor is short.
    const auto scrollable = [this](QWidget *form, const char *name) {
        auto *area = new QScrollArea(this);
        area->setObjectName(QLatin1String(name));
        area->setWidgetResizable(true);
        area->setFrameShape(QFrame::NoFrame);
        area->setWidget(form);
        return area;
    };
    d->tabs->addTab(scrollable(d->context, "contextScroll"), tr("Conte&xt"));
    d->tabs->addTab(scrollable(d->options, "optionsScroll"), tr("O&ptions"));
    d->tabs->setTabToolTip(0, tr("Request headers; untick a row to leave it out"));
    d->tabs->setTabToolTip(1, tr("Request body: text, form fields or a file"));
    d->tabs->setTabToolTip(2, tr("Basic or Bearer credentials"));
    d->tabs->setTabToolTip(3, tr("Where the request starts, preset cookies, User-Agent (browser profile)"));
    d->tabs->setTabToolTip(4, tr("Profile and redirect options"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(d->bar);
    layout->addWidget(d->contextSummary);
    layout->addWidget(d->tabs, 1);
    setTabOrder(d->method, d->url);
    setTabOrder(d->url, d->tabs);

    auto emitChanged = [this] {
        emit changed();
    };
    connect(d->method, &QComboBox::currentTextChanged, this, emitChanged);
    connect(d->url, &QLineEdit::textChanged, this, emitChanged);
    connect(d->headers, &QAbstractItemModel::dataChanged, this, [this] {
        d->updateAuth();
        emit changed();
    });
    connect(d->headers, &QAbstractItemModel::rowsRemoved, this, [this] {
        d->updateAuth();
        emit changed();
    });
    connect(d->body, &RequestBodyPane::changed, this, emitChanged);
    connect(d->options, &RequestOptionsPane::changed, this, [this] {
        d->updateContextSummary();
        emit changed();
    });
    connect(d->context, &RequestContextPane::changed, this, [this] {
        d->updateContextSummary();
        emit changed();
    });
    connect(d->authKind, &QComboBox::currentIndexChanged, this, [this] {
        d->updateAuth();
        emit changed();
    });
    for (QLineEdit *edit : {d->user, d->password, d->token}) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            d->updateAuth();
            emit changed();
        });
    }
    connect(d->url, &UrlEdit::curlPasted, this, [this](const QString &text) { importCurl(text); });
    d->updateAuth();
}

RequestEditor::~RequestEditor() = default;

RequestSpec RequestEditor::request() const
{
    RequestSpec r;
    r.method = d->method->currentText().trimmed().toUtf8();
    r.url = d->url->url();
    const HeaderList rows = d->headers->headers();
    const QByteArray auth = authorization();
    if (!auth.isEmpty() && !hasHeader(rows, kAuthorization))
        r.headers.append({kAuthorization, auth});  // first, where curl puts the -u header
    r.headers.append(rows);
    const QByteArray type = d->body->contentType();
    if (!type.isEmpty() && !hasHeader(rows, "Content-Type"))
        r.headers.append({QByteArrayLiteral("Content-Type"), type});
    r.body = d->body->body();
    r.formBody = d->body->formBody();
    r.customMethod = d->options->keepMethod();
    r.suppressedHeaders = d->headers->suppressedNames();
    return r;
}

Options RequestEditor::options() const
{
    Options o = d->options->options();
    d->context->applyTo(&o);
    return o;
}

void RequestEditor::setRequest(const RequestSpec &request)
{
    const QSignalBlocker blocker(this);  // a programmatic fill is not a user edit
    d->method->setCurrentText(QString::fromUtf8(request.method));
    d->url->setText(request.url.toString());
    d->headers->setHeaders(request.headers, request.suppressedHeaders);
    d->body->setBody(request.body, request.formBody);
    d->options->setKeepMethod(request.customMethod);
    clearAuth();
}

void RequestEditor::setOptions(const Options &options)
{
    const QSignalBlocker blocker(this);
    d->options->setOptions(options);
    d->context->setFrom(options);
    d->updateContextSummary();
}

CaseRequest RequestEditor::caseRequest() const
{
    CaseRequest r;
    r.method = d->method->currentText().trimmed();
    r.url = d->url->text().trimmed();
    bool hasType = false;
    for (const HeaderEditModel::Row &row : d->headers->rows()) {
        if (row.name.isEmpty() && row.value.isEmpty())
            continue;
        hasType =
            hasType
            || (row.enabled && !row.suppress && row.name.compare("Content-Type", Qt::CaseInsensitive) == 0);
        r.headers.append(
            {QString::fromUtf8(row.name), QString::fromUtf8(row.value), row.enabled, row.suppress});
    }
    const QByteArray type = d->body->contentType();
    if (!type.isEmpty() && !hasType)
        r.headers.append({QStringLiteral("Content-Type"), QString::fromUtf8(type), true});
    r.body = d->body->body();
    r.formBody = d->body->formBody();
    r.customMethod = d->options->keepMethod();
    switch (AuthKind(d->authKind->currentData().toInt())) {
    case AuthKind::None:
        break;
    case AuthKind::Basic:
        r.auth.kind = CaseAuth::Kind::Basic;
        r.auth.user = d->user->text();
        r.auth.password = d->password->text();
        break;
    case AuthKind::Bearer:
        r.auth.kind = CaseAuth::Kind::Bearer;
        r.auth.token = d->token->text().trimmed();
        break;
    }
    return r;
}

void RequestEditor::setCaseRequest(const CaseRequest &request)
{
    const QSignalBlocker blocker(this);
    d->method->setCurrentText(request.method);
    d->url->setText(request.url);
    QList<HeaderEditModel::Row> rows;
    for (const CaseHeader &h : request.headers) {
        HeaderEditModel::Row row;
        row.enabled = h.enabled;
        row.name = h.name.toUtf8();
        row.value = h.value.toUtf8();
        row.suppress = h.suppress;
        rows.append(row);
    }
    d->headers->setRows(rows);
    d->body->setBody(request.body, request.formBody);
    d->options->setKeepMethod(request.customMethod);
    switch (request.auth.kind) {
    case CaseAuth::Kind::None:
        clearAuth();
        break;
    case CaseAuth::Kind::Basic:
        setBasicAuth(request.auth.user, request.auth.password);
        break;
    case CaseAuth::Kind::Bearer:
        setBearerAuth(request.auth.token);
        break;
    }
}

void RequestEditor::setVariableResolver(UrlEdit::VariableResolver resolver)
{
    d->url->setVariableResolver(std::move(resolver));
}

QString RequestEditor::validationError() const
{
    const QByteArray method = d->method->currentText().trimmed().toUtf8();
    if (!isToken(method))
        return method.isEmpty() ? tr("Method: empty")
                                : tr("Method: \"%1\" is not a valid method").arg(d->method->currentText());
    if (const QString p = d->url->problem(); !p.isEmpty())
        return tr("URL: %1").arg(p);
    if (const QString p = d->headers->problem(); !p.isEmpty())
        return tr("Headers: %1").arg(p);
    if (const QString p = d->body->problem(); !p.isEmpty())
        return tr("Body: %1").arg(p);
    if (AuthKind(d->authKind->currentData().toInt()) == AuthKind::Basic
        && d->user->text().contains(QLatin1Char(':')))
        return tr("Auth: the user name cannot contain a colon");
    return {};
}

QStringList RequestEditor::recentUrls() const
{
    return d->url->recentUrls();
}

void RequestEditor::setRecentUrls(const QStringList &urls)
{
    d->url->setRecentUrls(urls.mid(0, 20));
}

void RequestEditor::addRecentUrl(const QString &url)
{
    QStringList urls = recentUrls();
    urls.removeAll(url);
    urls.prepend(url);
    setRecentUrls(urls);
}

void RequestEditor::addBarWidget(QWidget *widget)
{
    d->bar->addWidget(widget);
    setTabOrder(d->lastInBar, widget);  // keeps the bar in reading order before the tabs
    d->lastInBar = widget;
}

QComboBox *RequestEditor::methodBox() const
{
    return d->method;
}

UrlEdit *RequestEditor::urlEdit() const
{
    return d->url;
}

QTabWidget *RequestEditor::tabs() const
{
    return d->tabs;
}

void RequestEditor::setBasicAuth(const QString &user, const QString &password)
{
    d->user->setText(user);
    d->password->setText(password);
    d->authKind->setCurrentIndex(d->authKind->findData(int(AuthKind::Basic)));
}

void RequestEditor::setBearerAuth(const QString &token)
{
    d->token->setText(token);
    d->authKind->setCurrentIndex(d->authKind->findData(int(AuthKind::Bearer)));
}

void RequestEditor::clearAuth()
{
    d->user->clear();
    d->password->clear();
    d->token->clear();
    d->authKind->setCurrentIndex(d->authKind->findData(int(AuthKind::None)));
}

QByteArray RequestEditor::authorization() const
{
    return d->authValue();
}

std::optional<CurlCommand> RequestEditor::lastCurlCommand() const
{
    return d->lastCurl;
}

bool RequestEditor::importCurl(const QString &commandLine)
{
    const CurlParseResult parsed = parseCurlCommand(commandLine);
    if (!parsed.command) {
        emit curlRejected(parsed.error);
        return false;
    }
    const CurlCommand &cmd = *parsed.command;
    RequestSpec r = cmd.request;
    // -u becomes the Auth tab's Basic credentials when the header is still the one -u made (a -H
    // Authorization replaces it in curl, and then stays a Headers row like any other -H).
    const bool fromUser = !cmd.user.isEmpty() && headerValues(r.headers, kAuthorization).size() == 1
                          && headerValue(r.headers, kAuthorization) == basicAuthorization(cmd.user.toUtf8());
    if (fromUser)
        removeHeader(r.headers, kAuthorization);
    setRequest(r);
    setOptions(cmd.options);
    if (fromUser) {
        const QSignalBlocker blocker(this);
        const auto [name, password] = splitCurlUser(cmd.user);
        setBasicAuth(name, password);
    }
    d->lastCurl = cmd;

    const RequestSpec built = request();
    const int count = int(built.headers.size());
    // Spelled out rather than %n: no English plural translation is loaded.
    const QString headers = count == 1 ? tr("1 header") : tr("%1 headers").arg(count);
    QString summary = tr("Imported curl command: %1 %2 with %3")
                          .arg(QString::fromUtf8(built.method), built.url.toDisplayString(), headers);
    if (!cmd.followRedirects)
        summary += tr("; without -L curl itself would stop at the first redirect");
    if (!cmd.ignored.isEmpty())
        summary += tr("; ignored: %1").arg(cmd.ignored.join(QLatin1String(" ")));
    emit changed();
    emit curlImported(summary);
    return true;
}

HeaderEditModel *RequestEditor::headerModel() const
{
    return d->headers;
}

RequestBodyPane *RequestEditor::bodyPane() const
{
    return d->body;
}

RequestOptionsPane *RequestEditor::optionsPane() const
{
    return d->options;
}

}  // namespace Rwb
