// Grad-CAM against a case small enough to compute by hand, and on every backbone.

#include "base/error.h"
#include "models/gradcam.h"
#include "models/model_factory.h"
#include "support/expect_error.h"

#include <torch/torch.h>

#include <QtTest>

using namespace tl;

namespace {

// features: 1x1 conv (weights +1 and -1, no bias), ReLU. classifier: global average, Linear.
struct TinyImpl : models::NetworkImpl
{
    TinyImpl() : NetworkImpl("Tiny")
    {
        features = register_module(
            "features",
            torch::nn::Sequential(torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 2, 1).bias(false)),
                                  torch::nn::ReLU()));
        classifier = register_module(
            "classifier",
            torch::nn::Sequential(torch::nn::AdaptiveAvgPool2d(1), torch::nn::Flatten(),
                                  torch::nn::Linear(torch::nn::LinearOptions(2, 2).bias(false))));
        torch::NoGradGuard ng;
        auto conv = features[0]->as<torch::nn::Conv2d>();
        conv->weight.copy_(torch::tensor({1.f, -1.f}).view({2, 1, 1, 1}));
        auto fc = classifier[2]->as<torch::nn::Linear>();
        fc->weight.copy_(torch::tensor({{2.f, 1.f}, {-1.f, 3.f}}));
    }
    torch::Tensor forward(torch::Tensor x) override
    {
        return classifier->forward(features->forward(x));
    }
    torch::nn::Sequential features{nullptr}, classifier{nullptr};
};

} // namespace

class TestGradCam : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void handComputedCase()
    {
        TinyImpl model;
        const auto x = torch::tensor({1.f, 2.f, 3.f, 4.f}).view({1, 1, 2, 2});
        // A = ReLU(conv(x)) = (x, 0). Score_k = sum_c W[k][c] * mean(A_c), so the gradient of
        // score 0 by A_c is W[0][c] / 4 everywhere: weights (0.5, 0.25).
        // CAM = ReLU(0.5 x + 0.25 * 0) = 0.5 x; scaled by its maximum (2): x / 4.
        const auto r = models::gradCam(model, x, 0);
        QCOMPARE(r.layer, std::string("features.1")); // the ReLU: last 4-D output of the body
        QCOMPARE(r.targetClass, 0);
        const auto expected = torch::tensor({0.25f, 0.5f, 0.75f, 1.f}).view({2, 2});
        QVERIFY2(torch::allclose(r.heatmap, expected, 1e-6, 1e-6),
                 qPrintable(QString::fromStdString(torch::str(r.heatmap))));
        // Class 1: weights (-0.25, 0.75) -> ReLU(-0.25 x) = 0: nothing speaks for it.
        const auto r1 = models::gradCam(model, x, 1);
        QVERIFY(torch::equal(r1.heatmap, torch::zeros({2, 2})));
        // The predicted class by default: logits (2 * 2.5, -2.5) -> class 0.
        QCOMPARE(models::gradCam(model, x).targetClass, 0);
        QVERIFY(std::abs(r.probabilities[0].item<float>() - 1.f / (1.f + std::exp(-7.5f))) < 1e-6);
        // A chosen layer: the conv's own output (x, -x); the ReLU stops the gradient of the
        // negative channel, so the map is the same.
        const auto conv = models::gradCam(model, x, 0, "features.0");
        QCOMPARE(conv.layer, std::string("features.0"));
        QVERIFY(torch::allclose(conv.heatmap, expected, 1e-6, 1e-6));
        // Upsampled to the input: a 4x4 input gives a 4x4 map.
        const auto big = models::gradCam(model, torch::rand({1, 1, 4, 4}) + 0.1, 0);
        QCOMPARE(big.heatmap.sizes().vec(), (std::vector<std::int64_t>{4, 4}));
    }

    void badRequestsSayWhy()
    {
        TinyImpl model;
        const auto x = torch::ones({1, 1, 2, 2});
        TL_EXPECT_ERROR(models::gradCam(model, x, 0, "features.7"), QStringList{"features.7"});
        TL_EXPECT_ERROR(models::gradCam(model, x, 0, "classifier.2"), QStringList{"4-D"});
        TL_EXPECT_ERROR(models::gradCam(model, x, 5), QStringList{"outside"});
    }

    void worksForEveryBackbone_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("layer");
        QTest::newRow("simple-cnn") << "simple-cnn"
                                    << "";
        QTest::newRow("vgg-style-cnn") << "vgg-style-cnn"
                                       << "features.block3_relu2";
        QTest::newRow("resnet18") << "resnet18"
                                  << "layer4.1";
        QTest::newRow("vgg11") << "vgg11"
                               << "features.19";
        QTest::newRow("mobilenet_v2") << "mobilenet_v2"
                                      << "features.18";
        QTest::newRow("mobilenet_v3_small") << "mobilenet_v3_small"
                                            << "features.12";
        QTest::newRow("efficientnet_b0") << "efficientnet_b0"
                                         << "features.8";
        QTest::newRow("densenet121") << "densenet121"
                                     << "";
    }
    void worksForEveryBackbone()
    {
        QFETCH(QString, name);
        QFETCH(QString, layer);
        torch::manual_seed(0);
        models::ModelSpec spec;
        spec.name = name.toStdString();
        const bool small = name.endsWith("-cnn");
        spec.inChannels = small ? 1 : 3;
        spec.inputSize = small ? 28 : 64;
        spec.numClasses = 10;
        spec.poolSize = 2;
        auto model = models::createModel(spec);
        // Frozen, as after feature extraction: Grad-CAM needs no parameter gradient.
        for (auto &p : model->parameters())
            p.set_requires_grad(false);
        const auto x = torch::randn({1, spec.inChannels, spec.inputSize, spec.inputSize});
        const auto r = models::gradCam(*model, x, 3);
        if (!layer.isEmpty())
            QCOMPARE(QString::fromStdString(r.layer), layer);
        QVERIFY(!r.layer.empty());
        QCOMPARE(r.heatmap.sizes().vec(),
                 (std::vector<std::int64_t>{spec.inputSize, spec.inputSize}));
        QVERIFY(torch::isfinite(r.heatmap).all().item<bool>());
        QVERIFY(r.heatmap.min().item<float>() >= 0.f && r.heatmap.max().item<float>() <= 1.f);
        QCOMPARE(r.probabilities.size(0), std::int64_t(10));
        QVERIFY(!x.requires_grad());
    }
};

QTEST_GUILESS_MAIN(TestGradCam)
#include "tst_gradcam.moc"
