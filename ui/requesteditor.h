#pragma once

#include "model.h"
#include "options.h"

#include <QWidget>

class QComboBox;
class QTabWidget;

namespace Rwb {

class UrlEdit;

// The request the user builds: a bar (method, URL, then whatever buttons the window adds) over tabs
// Headers, Body, Auth and Options. Pasting a curl command into the URL field fills the whole request.
class RequestEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestEditor)

public:
    explicit RequestEditor(QWidget *parent = nullptr);
    ~RequestEditor() override;

    // The request as it will be sent: enabled header rows, the Authorization the Auth tab makes, the
    // body from the Body tab (a file is read here). Check validationError() first.
    RequestSpec request() const;
    Options options() const;
    void setRequest(const RequestSpec &request);
    void setOptions(const Options &options);

    // Empty when the request can be sent; otherwise what is wrong, for people ("URL: no host").
    QString validationError() const;

    // Recent URLs offered by the URL field (most recent first).
    QStringList recentUrls() const;
    void setRecentUrls(const QStringList &urls);
    void addRecentUrl(const QString &url);  // moves it to the front, keeps at most 20

    void addBarWidget(QWidget *widget);  // appended to the right of the URL field
    QComboBox *methodBox() const;
    UrlEdit *urlEdit() const;
    QTabWidget *tabs() const;

signals:
    void changed();
    // The URL field took a curl command; the editor has already filled itself from it.
    void curlImported(const QString &summary);
    void curlRejected(const QString &error);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

}  // namespace Rwb
