#pragma once

#include <QStringList>
#include <QWidget>

#include <vector>

namespace tl::ui {

// The Predict tab's top 5: horizontal bars, best first, each with its class and probability.
class TopBars : public QWidget
{
public:
    explicit TopBars(QWidget *parent = nullptr);

    void setEntries(QStringList labels, std::vector<float> probabilities);
    // Presentation mode: larger rows, still five in view.
    void setLarge(bool large);
    const QStringList &labels() const { return m_labels; }
    const std::vector<float> &probabilities() const { return m_probabilities; }

protected:
    void paintEvent(QPaintEvent *) override;

private:
    QFont rowFont() const;

    QStringList m_labels;
    std::vector<float> m_probabilities;
    bool m_large = false;
};

} // namespace tl::ui
