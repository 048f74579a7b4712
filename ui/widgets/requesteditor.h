#pragma once

#include "core/formats/curlcommand.h"
#include "core/http/trace.h"
#include "core/policy/options.h"
#include "core/session/session.h"
#include "widgets/urledit.h"

#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QTabWidget;

namespace Rwb {

class HeaderEditModel;
class RequestBodyPane;
class RequestOptionsPane;
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

    // The request as a saved case holds it: the URL and header text as typed ({{variables}} kept), every
    // header row with its enable box, the Auth tab as its fields. setCaseRequest() fills the editor from
    // one (not a user edit: no changed()).
    CaseRequest caseRequest() const;
    void setCaseRequest(const CaseRequest &request);
    // How {{variables}} in the URL are checked and resolved for request() (see UrlEdit).
    void setVariableResolver(UrlEdit::VariableResolver resolver);

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

    // Auth tab. Its Authorization header goes first in request(), unless an enabled Headers row already
    // sets Authorization: the explicit row wins and the tab says so. setRequest() leaves an
    // Authorization header where it is (a Headers row) and sets the tab to None, so nothing is lost.
    void setBasicAuth(const QString &user, const QString &password);
    void setBearerAuth(const QString &token);
    void clearAuth();
    QByteArray authorization() const;  // the value the tab makes ("Basic dXNlcjpwYXNz"), empty for None

    // The last curl command taken from the URL field (followRedirects and ignored options included).
    std::optional<CurlCommand> lastCurlCommand() const;
    // Fills the editor from a curl command line as a paste would; false (and curlRejected) on error.
    bool importCurl(const QString &commandLine);

    HeaderEditModel *headerModel() const;
    RequestBodyPane *bodyPane() const;
    RequestOptionsPane *optionsPane() const;

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
