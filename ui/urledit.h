#pragma once

#include <QLineEdit>

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

signals:
    void curlPasted(const QString &commandLine);
};

}  // namespace Rwb
