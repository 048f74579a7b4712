#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;
class QTableView;

namespace Rwb {

class HeaderEditModel;

// The Body tab of the request editor: no body, text typed in, urlencoded form fields, or a file read
// when the request is built. Text and file bodies carry a Content-Type chosen here; the urlencoded type
// is left to the client (RequestSpec::formBody), as curl -d and an HTML form do.
class RequestBodyPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestBodyPane)

public:
    enum class Mode { None, Text, Form, File };

    explicit RequestBodyPane(QWidget *parent = nullptr);
    ~RequestBodyPane() override;

    // Picks the mode that shows `body` without loss: form fields when it is a urlencoded form that
    // encodes back to the same bytes, text otherwise (read-only "(binary, N bytes)" if not UTF-8).
    void setBody(const QByteArray &body, bool formBody);
    QByteArray body() const;  // reads the file in File mode; empty when it cannot be read
    bool formBody() const;
    // The Content-Type header to add unless the Headers tab sets one; empty for none.
    QByteArray contentType() const;
    QString problem() const;  // empty when the body can be built

    Mode mode() const;
    void setMode(Mode mode);
    void setContentType(const QString &type);
    void setText(const QString &text);
    void setFilePath(const QString &path);
    HeaderEditModel *formModel() const { return m_form; }
    QTableView *formView() const { return m_formView; }

signals:
    void changed();

private:
    QWidget *makeFormPage();
    QWidget *makeFilePage();
    void updateVisibility();

    QComboBox *m_mode = nullptr;
    QComboBox *m_type = nullptr;
    QStackedWidget *m_stack = nullptr;
    QPlainTextEdit *m_text = nullptr;
    HeaderEditModel *m_form = nullptr;
    QTableView *m_formView = nullptr;
    QLineEdit *m_path = nullptr;
    QByteArray m_binary;  // a non-UTF-8 body given to setBody, kept as is until the text is replaced
    bool m_hasBinary = false;
    QLabel *m_typeNote = nullptr;  // what is sent when the type is not the user's to choose
};

}  // namespace Rwb
