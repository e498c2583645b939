from celery import shared_task


@shared_task(bind=True, name="weather.async_weather_processing")
def async_weather_processing(self, search_id):
    return {"search_id": search_id}
