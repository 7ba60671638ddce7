using GridAid.Core.Reports;
using GridAid.Infrastructure.Queues;
using GridAid.Infrastructure.Storage;

namespace GridAid.IntegrationTests;

/// <summary>Lost persons travel in a lane of their own, served by a function of their own.</summary>
[Collection(SharedGridAid.Name)]
public class UrgentLaneTests(GridAidFixture f)
{
    [Theory]
    [InlineData(ReportKind.LostPerson, QueueNames.Urgent)]
    [InlineData(ReportKind.LostItem, QueueNames.Intake)]
    [InlineData(ReportKind.FoundItem, QueueNames.Intake)]
    [InlineData(ReportKind.Hazard, QueueNames.Intake)]
    [InlineData(ReportKind.Help, QueueNames.Intake)]
    [InlineData(ReportKind.Tip, QueueNames.Intake)]
    public void Only_a_lost_person_takes_the_urgent_lane(ReportKind kind, string queue) =>
        Assert.Equal(queue, IntakeQueueSender.QueueFor(kind));

    [Fact]
    public void Each_lane_has_its_own_function_and_poison_recorder()
    {
        var queues = FunctionsMetadata.All().Where(fn => fn.Kind == "queueTrigger").Select(fn => fn.Queue).ToList();

        Assert.Contains(QueueNames.Urgent, queues);
        Assert.Contains(QueueNames.UrgentPoison, queues);
        Assert.Contains(QueueNames.Intake, queues);
        Assert.Contains(QueueNames.IntakePoison, queues);
    }

    [Fact]
    public async Task A_lost_person_in_the_urgent_lane_reaches_the_police_posts()
    {
        var code = await f.SubmitAsync(new
        {
            kind = "lost_person",
            point = "ts-nantianmen",
            description = "穿红色外套的男孩 · boy in a red coat",
            contact = new { phone = "13800138000" },
            lang = "zh-CN",
            clientRequestId = GridAidFixture.NewRequestId(),
            details = new { personName = "小明", age = "6", sex = "male", clothing = "红色外套" },
        });

        await f.WaitForAlertAsync("ts-daiding-police", code);
        await f.WaitForAlertAsync("ts-taohuayu-police", code);
    }
}
