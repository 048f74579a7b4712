#pragma once

#include <QLineEdit>

#include <functional>

class QStringListModel;

namespace Rwb {

// The URL field: flags an invalid URL as it is typed, offers recent URLs, and hands a pasted curl
// command (several lines and all) to whoever listens instead of inserting it.
class UrlEdit final : public QLineEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UrlEdit)

public:
    explicit UrlEdit(QWidget *parent = nullptr);

    // Empty when text() is an absolute http(s) URL with a host; otherwise what is wrong.
    QString problem() const;
    // The URL as typed (tolerant parsing, never guessed with QUrl::fromUserInput).
    QUrl url() const;

    // What the completer offers, most recent first.
    QStringList recentUrls() const;
    void setRecentUrls(const QStringList &urls);

    // Replaces {{variables}} in the text before it is checked and parsed (a saved case's URL). Returns
    // the text to check, or sets *error ("unknown variable {{base}}"). Unset: the text is taken as it is.
    using VariableResolver = std::function<QString(const QString &text, QString *error)>;
    void setVariableResolver(VariableResolver resolver);
    // The text with variables replaced (the text itself when there is no resolver or it fails).
    QString resolvedText() const;

    // The field of a bulk check's case, whose lines bring their URLs: it is left empty, and its placeholder
    // and tooltip say why rather than inviting a URL that would not be used.
    void setBulkCheck(bool bulk);
    bool isBulkCheck() const { return m_bulk; }

    // Closes the recent-URL popup if it is open. A command that starts a trace calls it: the open popup
    // would otherwise take the next click (Stop's, say) only to close itself.
    void hidePopup();

    // Whether text looks like a curl command line ("curl ..." or "$ curl ...").
    static bool isCurlCommand(const QString &text);

signals:
    void curlPasted(const QString &commandLine);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void pasteFromClipboard();
    void updateState();

    QStringListModel *m_recent = nullptr;
    QAction *m_warning = nullptr;
    VariableResolver m_resolver;
    bool m_bulk = false;
};

}  // namespace Rwb
