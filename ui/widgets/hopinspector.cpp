#include "widgets/hopinspector.h"

#include "widgets/bodyview.h"
#include "workbench/bodyformat.h"
#include "workbench/headertablemodel.h"
#include "workbench/hopsections.h"
#include "workbench/rowtablemodel.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace Rwb {

namespace {

// Labels carry server text: plain text only, selectable, and allowed to shrink below a long URL.
QLabel *textLabel(QWidget *parent, bool monospace = false)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    if (monospace)
        label->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    parent->layout()->addWidget(label);
    return label;
}

QLabel *captionLabel(QWidget *parent, const QString &text)
{
    QLabel *label = textLabel(parent);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    label->setText(text);
    return label;
}

QTableView *tableView(QWidget *parent, QAbstractItemModel *model)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideRight);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Tables take the spare height; when they are hidden, the page's final stretch does instead.
    static_cast<QBoxLayout *>(parent->layout())->addWidget(view, 1);
    return view;
}

void endPage(QWidget *page)
{
    static_cast<QBoxLayout *>(page->layout())->addStretch();
}

void setLines(QLabel *label, const QStringList &lines)
{
    label->setText(lines.join(QLatin1Char('\n')));
    label->setVisible(!lines.isEmpty());
}

bool insideBodyView(const QWidget *w, const QWidget *tab)
{
    for (const QWidget *p = w->parentWidget(); p && p != tab; p = p->parentWidget()) {
        if (qobject_cast<const BodyView *>(p))
            return true;
    }
    return false;
}

QWidget *page(QTabWidget *tabs, const QString &name, const QString &title)
{
    auto *w = new QWidget(tabs);
    w->setObjectName(name);
    new QVBoxLayout(w);
    tabs->addTab(w, title);
    return w;
}

}  // namespace

struct HopInspector::Private {
    QStackedWidget *stack = nullptr;
    QLabel *placeholder = nullptr;
    QTabWidget *tabs = nullptr;

    QLabel *requestLine = nullptr, *requestFlags = nullptr, *tls = nullptr, *requestBody = nullptr;
    BodyView *requestBodyView = nullptr;  // the body that was sent, under the request's headers
    HeaderTableModel *requestHeaders = nullptr;

    QLabel *statusLine = nullptr, *error = nullptr, *location = nullptr, *timing = nullptr;
    HeaderTableModel *responseHeaders = nullptr;
    QTableView *responseHeadersView = nullptr;

    BodyView *body = nullptr;

    RowTableModel *sentCookies = nullptr, *setCookies = nullptr, *cookieDecisions = nullptr;
    QTableView *sentView = nullptr, *setView = nullptr, *decisionsView = nullptr;
    QLabel *sentNone = nullptr, *setNone = nullptr, *decisionsCaption = nullptr;

    QLabel *changeLines = nullptr;
    RowTableModel *changes = nullptr;
    QTableView *changesView = nullptr;

    QTextBrowser *explain = nullptr;

    QLabel *curlNote = nullptr;
    QPlainTextEdit *curl = nullptr;
    QPushButton *copy = nullptr;
};

HopInspector::HopInspector(QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>())
{
    d->stack = new QStackedWidget(this);
    d->placeholder = new QLabel(d->stack);
    d->placeholder->setAlignment(Qt::AlignCenter);
    d->placeholder->setWordWrap(true);
    d->placeholder->setTextFormat(Qt::PlainText);
    d->placeholder->setForegroundRole(QPalette::PlaceholderText);
    d->stack->addWidget(d->placeholder);
    d->tabs = new QTabWidget(d->stack);
    d->tabs->setDocumentMode(true);
    d->stack->addWidget(d->tabs);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(d->stack);

    QWidget *p = page(d->tabs, QStringLiteral("Request"), tr("Request"));
    d->requestLine = textLabel(p, true);
    d->requestFlags = textLabel(p);
    d->requestFlags->setForegroundRole(QPalette::Highlight);
    d->tls = textLabel(p);
    d->requestHeaders = new HeaderTableModel(this);
    QTableView *requestHeadersView = tableView(p, d->requestHeaders);
    d->requestBody = textLabel(p);
    d->requestBody->setObjectName(QStringLiteral("requestBodyCaption"));
    d->requestBodyView = new BodyView(p);
    d->requestBodyView->setObjectName(QStringLiteral("requestBodyView"));
    // The headers keep most of the height; the body gets a share when there is one.
    static_cast<QBoxLayout *>(p->layout())->addWidget(d->requestBodyView, 1);
    static_cast<QBoxLayout *>(p->layout())->setStretchFactor(requestHeadersView, 2);
    endPage(p);

    p = page(d->tabs, QStringLiteral("Response"), tr("Response"));
    d->statusLine = textLabel(p, true);
    QFont statusFont = d->statusLine->font();
    statusFont.setBold(true);
    d->statusLine->setFont(statusFont);
    d->error = textLabel(p);
    // Where the redirect goes is the question most people open this tab with: above the headers.
    d->location = textLabel(p, true);
    d->responseHeaders = new HeaderTableModel(this);
    d->responseHeadersView = tableView(p, d->responseHeaders);
    d->timing = textLabel(p);
    endPage(p);

    p = page(d->tabs, QStringLiteral("Body"), tr("Body"));
    d->body = new BodyView(p);
    p->layout()->addWidget(d->body);

    p = page(d->tabs, QStringLiteral("Cookies"), tr("Cookies"));
    captionLabel(p, tr("Sent with this request"));
    d->sentNone = textLabel(p);
    d->sentNone->setText(tr("No cookies sent"));
    d->sentCookies = new RowTableModel({tr("Name"), tr("Value")}, this);
    d->sentView = tableView(p, d->sentCookies);
    captionLabel(p, tr("Set by this response"));
    d->setNone = textLabel(p);
    d->setNone->setText(tr("No cookies set"));
    d->setCookies = new RowTableModel(
        {tr("Name"), tr("Value"), tr("Domain"), tr("Path"), tr("Expires"), tr("Flags")}, this);
    d->setView = tableView(p, d->setCookies);
    d->decisionsCaption = captionLabel(p, tr("Cookie decisions"));
    d->cookieDecisions = new RowTableModel({tr("Cookie"), tr("Decision"), tr("Reason")}, this);
    d->decisionsView = tableView(p, d->cookieDecisions);
    d->decisionsView->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    d->decisionsView->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    // The reason is the point of this table: it wraps instead of being cut off, and the table gets more of
    // the page's height than the two above.
    d->decisionsView->setWordWrap(true);
    d->decisionsView->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    static_cast<QBoxLayout *>(p->layout())->setStretchFactor(d->decisionsView, 2);
    endPage(p);

    p = page(d->tabs, QStringLiteral("Changes"), tr("Changes"));
    d->changeLines = textLabel(p, true);
    d->changes = new RowTableModel({tr("Change"), tr("Header"), tr("Value"), tr("Reason")}, this);
    d->changes->setMonospaceColumns({1, 2});
    d->changesView = tableView(p, d->changes);
    d->changesView->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    d->changesView->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    d->changesView->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    // Why a header changed is the point of this table: the reason wraps instead of being cut off.
    d->changesView->setWordWrap(true);
    d->changesView->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    endPage(p);

    p = page(d->tabs, QStringLiteral("Explain"), tr("Explain"));
    d->explain = new QTextBrowser(p);
    d->explain->setOpenLinks(false);  // server text is escaped, but no link should ever navigate
    p->layout()->addWidget(d->explain);

    p = page(d->tabs, QStringLiteral("curl"), tr("curl"));
    d->curlNote = textLabel(p);
    d->curl = new QPlainTextEdit(p);
    d->curl->setReadOnly(true);
    d->curl->setLineWrapMode(QPlainTextEdit::NoWrap);
    d->curl->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    p->layout()->addWidget(d->curl);
    d->copy = new QPushButton(tr("Copy"), p);
    // Ctrl+Shift+C is the window's "Copy Hop as curl": it works from any tab and from the timeline.
    d->copy->setToolTip(tr("Copy the curl command to the clipboard (Ctrl+Shift+C)"));
    auto *row = new QHBoxLayout;
    row->addStretch();
    row->addWidget(d->copy);
    static_cast<QVBoxLayout *>(p->layout())->addLayout(row);
    connect(d->copy, &QPushButton::clicked, this, &HopInspector::copyCurl);

    applyPalette();
    clear();
    updateMinimumWidth();
}

HopInspector::~HopInspector() = default;

// Every tab's title stays readable: the splitter may not squeeze the inspector below its tab bar's width
// (at 1280x720 the last tabs would otherwise hide behind scroll arrows).
void HopInspector::updateMinimumWidth()
{
    d->tabs->setUsesScrollButtons(false);
    setMinimumWidth(d->tabs->tabBar()->sizeHint().width() + 4);
}

QString HopInspector::curlCommand() const
{
    return d->curl->toPlainText();
}

void HopInspector::copyCurl()
{
    const QString command = curlCommand();
    if (!command.isEmpty())
        QApplication::clipboard()->setText(command);
}

void HopInspector::clear()
{
    showHop(Trace(), -1);
}

void HopInspector::showHop(const Trace &trace, int index)
{
    if (index < 0 || index >= trace.hops.size()) {
        QString text = tr("Select a hop in the timeline");
        if (!trace.hops.isEmpty() && !trace.outcome.message.isEmpty())
            text += QLatin1String("\n\n") + tr("Outcome: %1").arg(trace.outcome.message);
        d->placeholder->setText(text);
        d->stack->setCurrentWidget(d->placeholder);
        d->requestHeaders->clear();
        d->responseHeaders->clear();
        d->body->clear();
        d->requestBodyView->clear();
        d->sentCookies->setRows({});
        d->setCookies->setRows({});
        d->cookieDecisions->setRows({});
        d->changes->setRows({});
        d->curl->clear();
        return;
    }
    d->stack->setCurrentWidget(d->tabs);
    const Hop &hop = trace.hops.at(index);

    d->requestLine->setText(requestLine(hop));
    d->requestLine->setToolTip(d->requestLine->text());
    setLines(d->requestFlags, hopFlagLines(hop));
    setLines(d->tls, connectionLines(hop) + tlsLines(hop.tls));
    d->requestHeaders->setHeaders(hop.request.headers);
    d->requestBody->setText(hop.request.body.isEmpty()
                                ? tr("No request body")
                                : tr("Request body sent: %1").arg(formatByteSize(hop.request.bodySize())));
    if (hop.request.body.isEmpty()) {
        d->requestBodyView->clear();
    } else {
        d->requestBodyView->setBody(hop.request.body, headerValue(hop.request.headers, "Content-Type"),
                                    hop.request.bodySize(), false);
    }
    d->requestBodyView->setVisible(!hop.request.body.isEmpty());

    if (hop.response) {
        d->statusLine->setText(statusLine(hop));
        d->responseHeaders->setHeaders(hop.response->headers);
        d->body->setResponse(*hop.response);
    } else {
        d->statusLine->setText(hop.error ? tr("No response") : tr("Waiting for the response…"));
        d->responseHeaders->clear();
        d->body->clear();
    }
    d->responseHeadersView->setVisible(hop.response.has_value());
    setLines(d->error, hop.error ? QStringList{hopErrorText(*hop.error)} : QStringList());
    setLines(d->location, locationLines(hop));
    d->location->setToolTip(d->location->text());
    d->timing->setText(timingText(hop.timing, hop.pausedMs));

    d->sentCookies->setRows(sentCookieRows(hop));
    d->setCookies->setRows(setCookieRows(hop));
    d->sentNone->setVisible(d->sentCookies->rowCount() == 0);
    d->sentView->setVisible(d->sentCookies->rowCount() > 0);
    d->setNone->setVisible(d->setCookies->rowCount() == 0);
    d->setView->setVisible(d->setCookies->rowCount() > 0);
    d->cookieDecisions->setRows(cookieDecisionRows(hop));
    d->decisionsCaption->setVisible(d->cookieDecisions->rowCount() > 0);
    d->decisionsView->setVisible(d->cookieDecisions->rowCount() > 0);

    if (index == 0) {
        setLines(d->changeLines, {tr("First request: nothing to compare")});
        d->changes->setRows({});
    } else {
        const Hop &previous = trace.hops.at(index - 1);
        setLines(d->changeLines, requestChangeLines(previous, hop));
        d->changes->setRows(headerChangeRows(previous, hop));
    }
    d->changesView->setVisible(d->changes->rowCount() > 0);

    d->explain->setHtml(explainHtml(trace.profile, hop));

    QStringList curlNotes;
    if (hop.synthetic)
        curlNotes << tr("The browser made this hop itself; running the command sends it for real.");
    if (hasNote(hop.notes, NoteCode::TlsErrorAccepted))
        curlNotes << tr("-k: this hop's TLS errors were accepted.");
    setLines(d->curlNote, curlNotes);
    d->curl->setPlainText(curlCommandForHop(hop));
}

QTabWidget *HopInspector::tabs() const
{
    return d->tabs;
}

QString HopInspector::tabText(const QString &tabName) const
{
    const QWidget *tab = d->tabs->findChild<QWidget *>(tabName);
    if (!tab)
        return {};
    QStringList parts;
    // Children in creation order, which is the order of the layout from top to bottom.
    const QList<QWidget *> widgets = tab->findChildren<QWidget *>();
    for (const QWidget *w : widgets) {
        if (!w->isVisibleTo(tab))
            continue;
        if (const auto *body = qobject_cast<const BodyView *>(w)) {
            parts << body->infoText() << body->text();
        } else if (insideBodyView(w, tab)) {
            continue;  // the BodyView's own parts are rendered above
        } else if (const auto *label = qobject_cast<const QLabel *>(w)) {
            parts << label->text();
        } else if (const auto *browser = qobject_cast<const QTextBrowser *>(w)) {
            parts << browser->toPlainText();
        } else if (const auto *edit = qobject_cast<const QPlainTextEdit *>(w)) {
            parts << edit->toPlainText();
        } else if (const auto *view = qobject_cast<const QTableView *>(w)) {
            if (const auto *headers = qobject_cast<const HeaderTableModel *>(view->model()))
                parts << headers->allText();
            else if (const auto *rows = qobject_cast<const RowTableModel *>(view->model()))
                parts << rows->allText();
        }
    }
    parts.removeAll(QString());
    return parts.join(QLatin1Char('\n'));
}

void HopInspector::applyPalette()
{
    d->sentCookies->setPalette(palette());
    d->setCookies->setPalette(palette());
    d->changes->setPalette(palette());
    QPalette error = d->error->palette();
    error.setColor(QPalette::WindowText, Theme::toneText(Theme::Tone::Danger, palette()));
    d->error->setPalette(error);
}

void HopInspector::changeEvent(QEvent *event)
{
    // Change colours are computed from the palette, so a theme switch must reach the models.
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        updateMinimumWidth();
    QWidget::changeEvent(event);
}

}  // namespace Rwb
