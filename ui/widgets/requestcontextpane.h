#pragma once

#include "core/policy/options.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace Rwb {

// The Context tab of the request editor: where the request starts (typed, a link, a script or fetch() on
// a page), the page's referrer policy, cookies the browser holds already, and the User-Agent and
// Accept-Language it sends. It reads and writes only those members of Options.
class RequestContextPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestContextPane)

public:
    explicit RequestContextPane(QWidget *parent = nullptr);
    ~RequestContextPane() override;

    // Copies the pane's fields into `options` (the others are left alone).
    void applyTo(Options *options) const;
    void setFrom(const Options &options);

    // The preset cookie lines that do not read as "URL Set-Cookie", each with why (shown in the pane).
    QStringList presetCookieErrors() const;

    // One line for the editor's summary: "Starts from a link on https://a.test/page", empty when typed with
    // every default.
    static QString summary(const Options &options);

signals:
    void changed();

private:
    void updateEnabled();
    void updateCookieErrors();

    QComboBox *m_start = nullptr;
    QLineEdit *m_page = nullptr;
    QComboBox *m_credentials = nullptr;
    QComboBox *m_policy = nullptr;
    QPlainTextEdit *m_cookies = nullptr;
    QLabel *m_cookieErrors = nullptr;
    QComboBox *m_userAgent = nullptr;
    QLineEdit *m_language = nullptr;
    QDoubleSpinBox *m_refreshLimit = nullptr;
    QCheckBox *m_waitRefresh = nullptr;
};

}  // namespace Rwb
