#pragma once

#include "train/training_types.h"

#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace tl::ui {

class FeatureMapGrid;

// Training → Live view: after each epoch, the first convolution's filters and its feature maps
// of one fixed test image, as the network has them now (ConvNetJS's classroom view).
class LiveView : public QWidget
{
    Q_OBJECT

public:
    explicit LiveView(QWidget *parent = nullptr);
    void showView(const train::NetworkView &view);
    void clear();
    FeatureMapGrid *grid() const { return m_grid; }
    int epochShown() const { return m_epoch; }

private:
    QLabel *m_image;
    QLabel *m_caption;
    FeatureMapGrid *m_grid;
    int m_epoch = 0;
};

} // namespace tl::ui
