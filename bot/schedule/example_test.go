package schedule

import (
	"fmt"
	"time"
)

func ExampleLocalHour() {
	paris, _ := time.LoadLocation("Europe/Paris")
	// The hourly UTC job's period at 07:00Z on a Monday in May.
	p := Period{At: time.Date(2024, 5, 6, 7, 0, 0, 0, time.UTC), Prev: time.Date(2024, 5, 6, 6, 0, 0, 0, time.UTC)}
	start, ok := LocalHour(paris, 9, p)
	fmt.Println(ok, start.Weekday(), start.Format("15:04 MST"))
	// Output: true Monday 09:00 CEST
}
