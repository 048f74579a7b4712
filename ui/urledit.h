#pragma once

#include <QLineEdit>

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
};

}  // namespace Rwb
