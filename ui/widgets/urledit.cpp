#include "widgets/urledit.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCompleter>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QRegularExpression>
#include <QStringListModel>
#include <QStyle>
#include <QUrl>

namespace Rwb {

namespace {

QString requestPlaceholder()
{
    return UrlEdit::tr("https://example.com/path, or paste a curl command");
}

}  // namespace

UrlEdit::UrlEdit(QWidget *parent)
    : QLineEdit(parent)
    , m_recent(new QStringListModel(this))
{
    setPlaceholderText(requestPlaceholder());
    setClearButtonEnabled(true);

    auto *completer = new QCompleter(m_recent, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);  // a host or path fragment finds the URL
    setCompleter(completer);

    m_warning = addAction(style()->standardIcon(QStyle::SP_MessageBoxWarning), QLineEdit::TrailingPosition);
    m_warning->setVisible(false);

    connect(this, &QLineEdit::textChanged, this, [this] { updateState(); });
    updateState();
}

QString UrlEdit::problem() const
{
    const QString text = this->text().trimmed();
    if (text.isEmpty())
        return tr("empty");
    if (isCurlCommand(text))
        return tr("a curl command: press Enter to import it");
    QString resolved = text;
    if (m_resolver && text.contains(QLatin1String("{{"))) {
        QString error;
        resolved = m_resolver(text, &error).trimmed();
        if (!error.isEmpty())
            return error;
    }
    const QUrl u(resolved, QUrl::TolerantMode);
    if (!u.isValid())
        return tr("not a URL");
    if (u.scheme().isEmpty())
        return tr("not a URL: start it with http:// or https://");
    const QString scheme = u.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return tr("scheme must be http or https");
    if (u.host().isEmpty())
        return tr("no host");
    return {};
}

QUrl UrlEdit::url() const
{
    return QUrl(resolvedText().trimmed(), QUrl::TolerantMode);
}

QString UrlEdit::resolvedText() const
{
    if (!m_resolver || !text().contains(QLatin1String("{{")))
        return text();
    QString error;
    const QString resolved = m_resolver(text(), &error);
    return error.isEmpty() ? resolved : text();
}

void UrlEdit::setBulkCheck(bool bulk)
{
    if (bulk == m_bulk)
        return;
    m_bulk = bulk;
    setPlaceholderText(bulk ? tr("A bulk check: its lines bring their URLs") : requestPlaceholder());
    updateState();
}

void UrlEdit::setVariableResolver(VariableResolver resolver)
{
    m_resolver = std::move(resolver);
    updateState();
}

QStringList UrlEdit::recentUrls() const
{
    return m_recent->stringList();
}

void UrlEdit::setRecentUrls(const QStringList &urls)
{
    m_recent->setStringList(urls);
}

void UrlEdit::hidePopup()
{
    if (QCompleter *c = completer(); c && c->popup() && c->popup()->isVisible())
        c->popup()->hide();
}

bool UrlEdit::isCurlCommand(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^(\\$\\s+)?curl(\\.exe)?(\\s|\\\\$)"));
    return re.match(text.trimmed()).hasMatch();
}

void UrlEdit::pasteFromClipboard()
{
    const QString text = QApplication::clipboard()->text();
    if (isCurlCommand(text)) {
        emit curlPasted(text);
        return;
    }
    paste();
}

void UrlEdit::keyPressEvent(QKeyEvent *event)
{
    // QLineEdit would paste a multi-line curl command flattened into one line; intercept it whole.
    // Shift+Insert is checked by hand: not every platform theme lists it under QKeySequence::Paste.
    const bool shiftInsert = event->key() == Qt::Key_Insert && event->modifiers() == Qt::ShiftModifier;
    if ((event->matches(QKeySequence::Paste) || shiftInsert) && !isReadOnly()) {
        pasteFromClipboard();
        event->accept();
        return;
    }
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && isCurlCommand(text())) {
        emit curlPasted(text());
        event->accept();
        return;
    }
    QLineEdit::keyPressEvent(event);
}

void UrlEdit::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu *menu = createStandardContextMenu();
    // Reroute the standard Paste through the curl check. Qt 6.4 gives the action no object name, so it
    // is found by QLineEdit's own (translated) text, before the tab and shortcut.
    for (QAction *action : menu->actions()) {
        if (action->objectName() != QLatin1String("edit-paste")
            && action->text().section(QLatin1Char('\t'), 0, 0) != QLineEdit::tr("&Paste"))
            continue;
        disconnect(action, &QAction::triggered, nullptr, nullptr);
        connect(action, &QAction::triggered, this, [this] { pasteFromClipboard(); });
        break;
    }
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(event->globalPos());
}

void UrlEdit::paintEvent(QPaintEvent *event)
{
    QLineEdit::paintEvent(event);
    if (!m_warning->isVisible())
        return;
    // A red frame over the style's own: painted each time, so it follows light and dark palettes alike
    // without replacing the palette (which would stop the field from following a theme change).
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    painter.setPen(QPen(dark ? QColor(255, 95, 90) : QColor(210, 40, 35), 2));
    painter.setBrush(Qt::NoBrush);
    painter.drawRoundedRect(QRectF(rect()).adjusted(1, 1, -1, -1), 2, 2);
}

void UrlEdit::updateState()
{
    const QString why = text().trimmed().isEmpty() ? QString() : problem();
    const bool bad = !why.isEmpty() && !isCurlCommand(text());
    m_warning->setVisible(bad);
    m_warning->setToolTip(bad ? tr("URL: %1").arg(why) : QString());
    if (bad)
        setToolTip(tr("URL: %1").arg(why));
    else if (m_bulk)
        setToolTip(tr("A bulk check's case traces each of its lines with this request's method, headers, "
                      "body and auth, so this field stays empty. Pasting a curl command fills the request."));
    else
        setToolTip(tr("The URL of the first request (http or https). Pasting a curl command fills the whole "
                      "request."));
    update();
}

}  // namespace Rwb
