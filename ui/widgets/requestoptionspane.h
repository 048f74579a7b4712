#pragma once

#include "core/policy/options.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Rwb {

// The Options tab of the request editor: the profile and what overrides its defaults. Options it does
// not show (body preview cap) are kept from setOptions() so that a round trip changes nothing.
class RequestOptionsPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestOptionsPane)

public:
    explicit RequestOptionsPane(QWidget *parent = nullptr);
    ~RequestOptionsPane() override;

    Options options() const;
    void setOptions(const Options &options);

    // RequestSpec::customMethod (curl -X): shown here because it only matters for redirects.
    bool keepMethod() const;
    void setKeepMethod(bool keep);

    static QString profileDescription(Profile profile);

signals:
    void changed();

private:
    void profileChanged();
    void checkAddressRules();
    void checkTlsFiles();
    void checkProxy();
    void browseFor(QLineEdit *edit, const QString &title);

    Options m_hidden;  // carries the options without a control
    QComboBox *m_profile = nullptr;
    QLabel *m_description = nullptr;
    QSpinBox *m_limit = nullptr;
    QDoubleSpinBox *m_timeout = nullptr;
    QComboBox *m_cookies = nullptr;
    QLineEdit *m_trusted = nullptr;
    QLineEdit *m_hsts = nullptr;
    QLineEdit *m_resolve = nullptr;       // curl's --resolve rules, space separated
    QLineEdit *m_connectTo = nullptr;     // curl's --connect-to rules, space separated
    QLineEdit *m_proxy = nullptr;         // curl's --proxy; empty: the profile's own, "none": none
    QLineEdit *m_noProxy = nullptr;       // curl's --noproxy
    QComboBox *m_httpVersion = nullptr;   // --http1.1, --http2
    QLineEdit *m_caFile = nullptr;        // curl's --cacert
    QLineEdit *m_certFile = nullptr;      // --cert
    QLineEdit *m_keyFile = nullptr;       // --key
    QLineEdit *m_certPassword = nullptr;  // --pass
    QCheckBox *m_tls = nullptr;
    QCheckBox *m_loop = nullptr;
    QCheckBox *m_keepPost = nullptr;
    QCheckBox *m_locationTrusted = nullptr;
    QCheckBox *m_keepMethod = nullptr;
    QCheckBox *m_compressed = nullptr;
};

}  // namespace Rwb
