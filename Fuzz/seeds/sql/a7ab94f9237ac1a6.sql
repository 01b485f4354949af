      SELECT *
      FROM cloudtrail_logs_allregion
      WHERE (requestparameters LIKE '%dev-web01%')
              AND accountid = '123456789012'
              AND region = 'ap-northeast-1'
              AND DATE = '2019/01/02'
      ORDER BY  eventtime ASC LIMIT 10;